package com.fanops.platform.limits;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code limit} calls per {@code window} for one subject, named for its counters ({@code signup-client}).
 * Written in configuration as {@code <limit>/<window>} - {@code 30/10m}, {@code 5/1h}, {@code 3/1d}, {@code 10/90s} -
 * or {@code off}.
 */
public record RateLimit(String name, int limit, Duration window) {

    private static final Pattern SPEC = Pattern.compile("(\\d{1,6})/(\\d{1,5})([smhd])");
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");

    public RateLimit {
        if (!NAME.matcher(name).matches() || limit < 1 || window.isNegative() || window.isZero() || window.toDays() > 31) {
            throw new IllegalArgumentException("rate limit " + name + ": needs a name, at least 1 call and a window up to 31 days");
        }
    }

    /** The limit a configuration value describes, or null for {@code off} (no limit). */
    public static RateLimit parse(String name, String spec) {
        String value = spec.strip().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
            return null;
        }
        Matcher m = SPEC.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("rate limit " + name + " must look like 30/10m (s, m, h or d) or off, not " + spec);
        }
        long amount = Long.parseLong(m.group(2));
        Duration window = switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return new RateLimit(name, Integer.parseInt(m.group(1)), window);
    }
}
