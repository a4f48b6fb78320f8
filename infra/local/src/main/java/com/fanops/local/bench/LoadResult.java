package com.fanops.local.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a standard HTTP load tool printed, read back: requests, time, throughput, latency percentiles and the answers by
 * status code. {@link #ofHey} reads hey's summary, {@link #ofWrk} wrk's {@code --latency} report plus the
 * {@code status <code> <count>} lines our wrk script prints in its {@code done} hook (wrk itself only counts
 * "Non-2xx or 3xx responses"). Written by hand: neither tool has a machine-readable summary (hey's CSV is one line
 * per request, wrk has none), and no Java library reads their text.
 */
public record LoadResult(String tool, long requests, double seconds, double requestsPerSecond, double p50Ms, double p90Ms, double p99Ms,
                         Map<Integer, Long> statuses, long transportErrors) {

    private static final Pattern HEY_TOTAL = Pattern.compile("(?m)^\\s*Total:\\s+([0-9.]+) secs");
    private static final Pattern HEY_RPS = Pattern.compile("(?m)^\\s*Requests/sec:\\s+([0-9.]+)");
    private static final Pattern HEY_PERCENTILE = Pattern.compile("(?m)^\\s*(\\d+)%+ in ([0-9.]+) secs");
    private static final Pattern HEY_STATUS = Pattern.compile("(?m)^\\s*\\[(\\d{3})]\\s+(\\d+) responses");
    private static final Pattern HEY_ERROR = Pattern.compile("(?m)^\\s*\\[(\\d+)]\\s+(?!\\d+ responses)\\S");
    private static final Pattern WRK_REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ([0-9.]+)(us|ms|s|m|h),");
    private static final Pattern WRK_RPS = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_PERCENTILE = Pattern.compile("(?m)^\\s+(50|75|90|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$");
    private static final Pattern WRK_NON_2XX = Pattern.compile("(?m)^\\s*Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern WRK_SOCKET = Pattern.compile("(?m)^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern WRK_STATUS = Pattern.compile("(?m)^status (\\d{3}) (\\d+)$");

    /** Answers with a 2xx status. */
    public long ok() {
        return statuses.entrySet().stream().filter(e -> e.getKey() >= 200 && e.getKey() < 300).mapToLong(Map.Entry::getValue).sum();
    }

    /** Answers that arrived with any other status (429 from the API's throttling or a limit, 4xx, 5xx). */
    public long notOk() {
        return statuses.values().stream().mapToLong(Long::longValue).sum() - ok();
    }

    public double okPerSecond() {
        return seconds == 0 ? 0 : ok() / seconds;
    }

    /** hey's default summary ({@code hey -z 30s -c 16 ...}). Percentiles are of every answer, whatever its status. */
    public static LoadResult ofHey(String out) {
        Map<Integer, Double> p = new TreeMap<>();
        Matcher m = HEY_PERCENTILE.matcher(out);
        while (m.find()) {
            p.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)) * 1000);
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        m = HEY_STATUS.matcher(out);
        while (m.find()) {
            statuses.merge(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long::sum);
        }
        long errors = 0;
        int errorSection = out.indexOf("Error distribution:");
        if (errorSection >= 0) {
            m = HEY_ERROR.matcher(out.substring(errorSection));
            while (m.find()) {
                errors += Long.parseLong(m.group(1));
            }
        }
        long answered = statuses.values().stream().mapToLong(Long::longValue).sum();
        return new LoadResult("hey", answered + errors, number(HEY_TOTAL, out, "Total"), number(HEY_RPS, out, "Requests/sec"),
                p.getOrDefault(50, Double.NaN), p.getOrDefault(90, Double.NaN), p.getOrDefault(99, Double.NaN), statuses, errors);
    }

    /**
     * wrk's report with {@code --latency}. The status lines come from our script; without them every answer wrk did not
     * count as "Non-2xx or 3xx" is taken as a 200.
     */
    public static LoadResult ofWrk(String out) {
        Matcher requests = WRK_REQUESTS.matcher(out);
        if (!requests.find()) {
            throw new IllegalArgumentException("not a wrk report: no '<n> requests in <time>' line");
        }
        long total = Long.parseLong(requests.group(1));
        double seconds = millis(requests.group(2), requests.group(3)) / 1000;
        Map<Integer, Double> p = new TreeMap<>();
        Matcher m = WRK_PERCENTILE.matcher(out);
        while (m.find()) {
            p.put(Integer.parseInt(m.group(1)), millis(m.group(2), m.group(3)));
        }
        Map<Integer, Long> statuses = new TreeMap<>();
        m = WRK_STATUS.matcher(out);
        while (m.find()) {
            statuses.merge(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long::sum);
        }
        if (statuses.isEmpty() && total > 0) {
            Matcher non2xx = WRK_NON_2XX.matcher(out);
            long bad = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
            statuses.put(200, total - bad);
            if (bad > 0) {
                statuses.put(0, bad); // wrk does not say which: "some status other than 2xx/3xx"
            }
        }
        long errors = 0;
        Matcher socket = WRK_SOCKET.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new LoadResult("wrk", total, seconds, number(WRK_RPS, out, "Requests/sec"),
                p.getOrDefault(50, Double.NaN), p.getOrDefault(90, Double.NaN), p.getOrDefault(99, Double.NaN), statuses, errors);
    }

    private static double number(Pattern pattern, String out, String what) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalArgumentException("no '" + what + "' in the tool's output");
        }
        return Double.parseDouble(m.group(1));
    }

    /** wrk prints times with the unit it finds readable: 812.00us, 11.03ms, 1.02s, 1.50m. */
    static double millis(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            case "h" -> v * 3_600_000;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
    }
}
