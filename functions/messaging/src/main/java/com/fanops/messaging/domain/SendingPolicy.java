package com.fanops.messaging.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.settings.SettingsValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How messages go out, one version of it (versioned settings {@code messaging}): the marketing frequency cap, quiet
 * hours in the business time zone, and an optional signed webhook that takes chosen kinds instead of e-mail or SMS
 * (a brand forwarding to its WeChat official account or its own systems). The webhook's secret is not here: it is
 * created apart, stored encrypted and shown once.
 *
 * @param capCount   marketing messages per member in {@code capDays} (0 = none at all)
 * @param quietStart quiet hours start, HH:mm business time
 * @param quietEnd   quiet hours end, HH:mm (equal to the start: no quiet hours)
 * @param webhookUrl https URL (http only to a loopback host, for a brand's local test receiver), or null
 */
public record SendingPolicy(Integer capCount, Integer capDays, String quietStart, String quietEnd, String webhookUrl,
                            List<String> webhookKinds) implements SettingsValue<SendingPolicy> {

    public static final int MAX_CAP = 100;
    public static final int MAX_CAP_DAYS = 90;

    public SendingPolicy {
        webhookKinds = webhookKinds == null ? List.of() : List.copyOf(new TreeSet<>(webhookKinds));
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl;
    }

    public static SendingPolicy defaults() {
        return new SendingPolicy(2, 7, "21:00", "09:00", null, List.of());
    }

    public FrequencyCap cap() {
        return new FrequencyCap(capCount, Duration.ofDays(capDays));
    }

    public QuietHours quietHours() {
        return new QuietHours(LocalTime.parse(quietStart), LocalTime.parse(quietEnd));
    }

    /** The webhook that takes this kind, or null when it goes by e-mail or SMS. */
    public URI webhookFor(MessageKind kind) {
        return webhookUrl != null && webhookKinds.contains(kind.key()) ? URI.create(webhookUrl) : null;
    }

    @Override
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (capCount == null || capCount < 0 || capCount > MAX_CAP) {
            errors.add(new FieldError("capCount", "a whole number from 0 to " + MAX_CAP));
        }
        if (capDays == null || capDays < 1 || capDays > MAX_CAP_DAYS) {
            errors.add(new FieldError("capDays", "a whole number of days from 1 to " + MAX_CAP_DAYS));
        }
        time("quietStart", quietStart, errors);
        time("quietEnd", quietEnd, errors);
        if (webhookUrl != null) {
            String problem = webhookProblem(webhookUrl);
            if (problem != null) {
                errors.add(new FieldError("webhookUrl", problem));
            }
        }
        Set<String> known = new TreeSet<>(MessageKind.keys());
        for (int i = 0; i < webhookKinds.size(); i++) {
            if (!known.contains(webhookKinds.get(i))) {
                errors.add(new FieldError("webhookKinds[" + i + "]", "unknown kind; one of " + String.join(", ", known)));
            }
        }
        if (!webhookKinds.isEmpty() && webhookUrl == null) {
            errors.add(new FieldError("webhookUrl", "is required when webhookKinds names a kind"));
        }
        return errors;
    }

    /** Null when the URL can take messages: https, or http to a loopback host only. */
    static String webhookProblem(String url) {
        if (url.length() > 500) {
            return "at most 500 characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || uri.getUserInfo() != null || uri.getFragment() != null) {
            return "an absolute https URL with a host, without user info or fragment";
        }
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        if (scheme.equals("https") || (scheme.equals("http") && loopback)) {
            return null;
        }
        return "must be https (http only to localhost)";
    }

    private static void time(String field, String value, List<FieldError> errors) {
        if (value == null || !value.matches("\\d{2}:\\d{2}")) {
            errors.add(new FieldError(field, "a time HH:mm"));
            return;
        }
        try {
            LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "a time HH:mm"));
        }
    }
}
