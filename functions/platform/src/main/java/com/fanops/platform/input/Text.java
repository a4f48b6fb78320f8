package com.fanops.platform.input;

import com.fanops.platform.http.FieldError;
import java.text.Normalizer;
import java.util.List;

/**
 * The one text hygiene for everything we store: NFC, no NUL or other control characters (newline and tab only in
 * multi-line texts), no lone surrogates, no noncharacters, no bidi overrides or isolates, lengths in code points, and
 * names that are still something once the invisible characters are taken away.
 */
public final class Text {

    /** The longest string any request may carry, whatever its field; fields have tighter limits of their own. */
    public static final int MAX_ANY = 20_000;

    private Text() {
    }

    /** Why {@code value} is not acceptable text, or null; newlines and tabs only when {@code multiLine}. */
    public static String problem(String value, boolean multiLine) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, value.charAt(++i));
                    if (isNonCharacter(cp)) {
                        return "must not contain noncharacters";
                    }
                    continue;
                }
                return "must not contain a lone surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain a lone surrogate";
            }
            if (c == 0) {
                return "must not contain NUL";
            }
            if (Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\t' || c == '\r'))) {
                return multiLine ? "must not contain control characters other than newline and tab"
                        : "must be one line without control characters";
            }
            if (isNonCharacter(c)) {
                return "must not contain noncharacters";
            }
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                return "must not contain bidirectional overrides or isolates";
            }
        }
        return null;
    }

    /** NFC, so the same text is stored (and compared) as the same code points. */
    public static String normalise(String value) {
        return Normalizer.isNormalized(value, Normalizer.Form.NFC) ? value : Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** True when nothing would show: only whitespace, zero-width and other format characters. */
    public static boolean isInvisible(String value) {
        return value.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.getType(cp) == Character.FORMAT || cp == 0x3164 || cp == 0x115F || cp == 0x1160 || cp == 0xFFA0
                || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x034F);
    }

    /** A one-line text of 1 to {@code max} code points, stripped and NFC; null (with an error) when it breaks a rule. */
    public static String line(List<FieldError> errors, String field, String value, int max, boolean required) {
        return check(errors, field, value, max, required, false, false);
    }

    /** Like {@link #line} and, in addition, something must remain visible (a name of zero-width spaces is no name). */
    public static String name(List<FieldError> errors, String field, String value, int max, boolean required) {
        return check(errors, field, value, max, required, false, true);
    }

    /** A text that may span lines (newline and tab allowed), up to {@code max} code points. */
    public static String multiLine(List<FieldError> errors, String field, String value, int max, boolean required) {
        return check(errors, field, value, max, required, true, true);
    }

    private static String check(List<FieldError> errors, String field, String value, int max, boolean required, boolean multiLine,
                                boolean visible) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        String problem = problem(value, multiLine);
        if (problem != null) {
            errors.add(new FieldError(field, problem));
            return null;
        }
        String clean = normalise(value).strip();
        if (clean.isEmpty() || (visible && isInvisible(clean))) {
            errors.add(new FieldError(field, required ? "is required" : "must not be empty"));
            return null;
        }
        if (length(clean) > max) {
            errors.add(new FieldError(field, "must be 1-" + max + " characters"));
            return null;
        }
        return clean;
    }

    private static boolean isNonCharacter(int cp) {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }
}
