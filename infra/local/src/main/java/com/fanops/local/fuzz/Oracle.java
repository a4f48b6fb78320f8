package com.fanops.local.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Judges what a case did. Every answer is 2xx, or 4xx as {@code application/problem+json}; API Gateway's own
 * refusals ({@code {"message":"Unauthorized"}} and the like, which a deployment cannot reshape on an HTTP API) are
 * the one exception. A refused request (4xx) changes no item count and no queue depth. No function log line holds
 * personal data that a request carried.
 */
final class Oracle {

    private static final Pattern GATEWAY = Pattern.compile(
            "\\{\"message\":\"(Unauthorized|Forbidden|Not Found|Too Many Requests|Request Entity Too Large)\"}");
    private static final Set<Integer> GATEWAY_STATUSES = Set.of(401, 403, 404, 413, 429);

    private static final Pattern WORD_BREAK = Pattern.compile("[^A-Za-z0-9.@_+-]+");

    private Oracle() {
    }

    /** The verdict on one answer; {@code writes} is what changed in the stack while it was handled (empty: nothing). */
    static List<Finding> judge(FuzzCase c, Http.Answer answer, Map<String, Long> writes) {
        List<Finding> out = new ArrayList<>();
        int status = answer.status();
        String body = FuzzCase.printable(answer.body().length() > 300 ? answer.body().substring(0, 300) + "..." : answer.body());
        if (status >= 500) {
            out.add(new Finding(Finding.Kind.SERVER_ERROR, c.route(), c.describe(), status + " " + body));
        } else if (status >= 400 && status < 500) {
            if (!answer.contentType().toLowerCase(java.util.Locale.ROOT).startsWith("application/problem+json") && !gateway(answer)) {
                out.add(new Finding(Finding.Kind.NOT_PROBLEM_JSON, c.route(), c.describe(), status + " " + answer.contentType() + " " + body));
            }
            if (!writes.isEmpty()) {
                out.add(new Finding(Finding.Kind.WRITE_FROM_REFUSED_INPUT, c.route(), c.describe(), status + " wrote " + writes + " " + body));
            }
        } else if (status < 200 || status >= 300) {
            out.add(new Finding(Finding.Kind.UNEXPECTED_ANSWER, c.route(), c.describe(), status + " " + body));
        }
        return out;
    }

    static boolean gateway(Http.Answer answer) {
        return GATEWAY_STATUSES.contains(answer.status()) && GATEWAY.matcher(answer.body().strip()).matches();
    }

    /**
     * Every log line that holds a personal value a case sent. Lines are split into words (letters, digits and
     * {@code . @ _ + -}) and each word looked up, so the fuzzer's personal values are such words, 8 characters or more.
     */
    static List<Finding> personalDataInLogs(List<String> lines, Map<String, FuzzCase> sentBy) {
        List<Finding> out = new ArrayList<>();
        for (String line : lines) {
            for (String word : WORD_BREAK.split(line)) {
                FuzzCase c = word.length() >= 8 ? sentBy.get(word) : null;
                if (c != null) {
                    String shown = FuzzCase.printable(line.length() > 300 ? line.substring(0, 300) + "..." : line);
                    out.add(new Finding(Finding.Kind.PERSONAL_DATA_IN_LOG, c.route(), c.describe(), "log line: " + shown));
                }
            }
        }
        return out;
    }
}
