package com.fanops.local.fuzz;

import java.io.ByteArrayOutputStream;

/**
 * JSON text the way the fuzzer needs it, which no JSON library writes: strings with lone surrogates (as escapes, or
 * raw as the invalid UTF-8 a careless client sends), and raw tokens spliced into otherwise valid documents.
 */
final class JsonText {

    private JsonText() {
    }

    /** A JSON string; everything outside printable ASCII escaped, so even a lone surrogate is valid JSON text. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** A JSON string with only quote and backslash escaped: raw controls (invalid JSON) and raw non-ASCII. */
    static String quoteRaw(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** UTF-8, except that a lone surrogate becomes its three-byte form (invalid UTF-8) instead of '?'. */
    static byte[] utf8(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            }
            if (cp < 0x80) {
                out.write(cp);
            } else if (cp < 0x800) {
                out.write(0xC0 | cp >> 6);
                out.write(0x80 | cp & 0x3F);
            } else if (cp < 0x10000) {
                out.write(0xE0 | cp >> 12);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            } else {
                out.write(0xF0 | cp >> 18);
                out.write(0x80 | cp >> 12 & 0x3F);
                out.write(0x80 | cp >> 6 & 0x3F);
                out.write(0x80 | cp & 0x3F);
            }
        }
        return out.toByteArray();
    }

    /** Percent-encodes every byte that is not unreserved (RFC 3986), lone surrogates as their invalid UTF-8. */
    static String percent(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : utf8(s)) {
            int v = x & 0xFF;
            if (v >= 'a' && v <= 'z' || v >= 'A' && v <= 'Z' || v >= '0' && v <= '9' || v == '-' || v == '.' || v == '_' || v == '~') {
                b.append((char) v);
            } else {
                b.append('%').append(String.format("%02X", v));
            }
        }
        return b.toString();
    }
}
