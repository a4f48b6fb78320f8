package com.fanops.local.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request the fuzzer sends: which route, what was broken ({@code kind}, e.g. {@code field events[0].amount}),
 * and the request itself. {@code personal} holds the personal data it carries, to look for in the function logs.
 */
record FuzzCase(int index, String route, String kind, String method, String pathAndQuery, Map<String, String> headers,
                byte[] body, String credential, List<String> personal) {

    /** A short, printable form for reports: non-ASCII escaped, long bodies cut. */
    String describe() {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String shown = text.length() > 240 ? text.substring(0, 240) + "...(" + body.length + " bytes)" : text;
        String path = pathAndQuery.length() > 240 ? pathAndQuery.substring(0, 240) + "...(" + pathAndQuery.length() + " chars)" : pathAndQuery;
        return "#" + index + " " + kind + " [" + credential + "] " + method + " " + printable(path) + (shown.isEmpty() ? "" : " " + printable(shown));
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7F) {
                b.appendCodePoint(cp);
            } else {
                b.append(cp > 0xFFFF ? String.format("\\u{%x}", cp) : String.format("\\u%04x", cp));
            }
        });
        return b.toString();
    }
}
