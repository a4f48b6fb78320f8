package com.fanops.messaging.domain;

import com.fanops.platform.http.FieldError;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fanops.platform.settings.SettingsValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The texts of every kind in every locale, one version of them (versioned settings {@code message-templates}).
 * Version 0 is {@link DefaultTemplates}. A saved version holds every kind in both locales; a placeholder a kind does
 * not have, an over-long subject or body, or an SMS text that could take more than {@value #MAX_SMS_SEGMENTS} segments
 * once its placeholders are filled with their longest values is a 400 naming the field.
 */
public record MessageTemplates(@JsonValue Map<String, Map<String, MessageTemplate>> templates)
        implements SettingsValue<MessageTemplates> {

    public static final List<String> LOCALES = List.of("zh-CN", "en");
    public static final int MAX_SUBJECT = 200;
    public static final int MAX_BODY = 5000;
    public static final int MAX_SMS_SEGMENTS = 6;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MessageTemplates {
        Map<String, Map<String, MessageTemplate>> copy = new TreeMap<>();
        if (templates != null) {
            templates.forEach((k, byLocale) -> copy.put(k, byLocale == null ? null : new TreeMap<>(byLocale)));
        }
        templates = copy;
    }

    /** The kind's text in the locale (the member's), falling back to zh-CN, the community's language. */
    public MessageTemplate of(MessageKind kind, String locale) {
        Map<String, MessageTemplate> byLocale = templates.get(kind.key());
        MessageTemplate t = byLocale == null ? null : byLocale.get(LOCALES.contains(locale) ? locale : LOCALES.get(0));
        return t != null ? t : DefaultTemplates.get().of(kind, locale);
    }

    public static String localeOf(String locale) {
        return LOCALES.contains(locale) ? locale : LOCALES.get(0);
    }

    @Override
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        for (String key : templates.keySet()) {
            if (MessageKind.of(key).isEmpty()) {
                errors.add(new FieldError(key, "unknown kind; one of " + String.join(", ", MessageKind.keys())));
            }
        }
        for (MessageKind kind : MessageKind.values()) {
            Map<String, MessageTemplate> byLocale = templates.get(kind.key());
            if (byLocale == null) {
                errors.add(new FieldError(kind.key(), "is required (zh-CN and en)"));
                continue;
            }
            for (String locale : byLocale.keySet()) {
                if (!LOCALES.contains(locale)) {
                    errors.add(new FieldError(kind.key() + "." + locale, "unknown locale; one of " + LOCALES));
                }
            }
            for (String locale : LOCALES) {
                String at = kind.key() + "." + locale;
                MessageTemplate t = byLocale.get(locale);
                if (t == null) {
                    errors.add(new FieldError(at, "is required"));
                    continue;
                }
                text(errors, at + ".subject", t.subject(), MAX_SUBJECT, kind);
                text(errors, at + ".body", t.body(), MAX_BODY, kind);
                text(errors, at + ".sms", t.sms(), MAX_BODY, kind);
                if (t.sms() != null && errors.stream().noneMatch(e -> e.field().equals(at + ".sms"))) {
                    int segments = SmsSegments.count(worstCase(kind, t.sms()));
                    if (segments > MAX_SMS_SEGMENTS) {
                        errors.add(new FieldError(at + ".sms", "may take " + segments + " SMS segments with its placeholders filled; at most "
                                + MAX_SMS_SEGMENTS));
                    }
                }
            }
        }
        return errors;
    }

    /** The SMS text as the longest message it can become: every placeholder at its longest, in 2-unit characters. */
    static String worstCase(MessageKind kind, String sms) {
        Map<String, String> longest = new LinkedHashMap<>();
        kind.placeholders().forEach((name, max) -> longest.put(name, "字".repeat(max)));
        String filled = MessageTemplate.fill(sms, longest);
        return kind.marketing() && !MessageTemplate.placeholders(sms).contains(MessageKind.UNSUBSCRIBE)
                ? filled + Rendering.smsUnsubscribe(localeHint(sms), longest.get(MessageKind.UNSUBSCRIBE)) : filled;
    }

    private static String localeHint(String text) {
        return text.chars().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF) ? "zh-CN" : "en";
    }

    private static void text(List<FieldError> errors, String field, String value, int max, MessageKind kind) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, "at most " + max + " characters"));
            return;
        }
        for (String name : MessageTemplate.placeholders(value)) {
            if (!kind.placeholders().containsKey(name)) {
                errors.add(new FieldError(field, "unknown placeholder {{" + name + "}}; " + kind.key() + " has "
                        + Arrays.toString(kind.placeholders().keySet().toArray())));
            }
        }
    }
}
