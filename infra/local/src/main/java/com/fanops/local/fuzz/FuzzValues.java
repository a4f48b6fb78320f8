package com.fanops.local.fuzz;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * The hostile values the fuzzer draws from, as jqwik arbitraries: odd-unicode and huge strings, injection strings,
 * boundary numbers and wrong types as raw JSON tokens. Drawn with a seeded {@link Random}, so a case can be replayed.
 */
final class FuzzValues {

    /** Strings that have broken text handling somewhere: controls, noncharacters, lone surrogates, bidi, invisibles. */
    static final List<String> ODD = List.of("\u0000", "a\u0000b", "\uFFFF", "\uFFFE", "\uD800", "x\uDC00", "\uDBFF\uD800",
            "\u202Eevil\u202C", "\u2066x\u2069", "\u200B", "\u200B\u200C\u200D\u2060\uFEFF", "\u0085", "\u001B[31mred",
            "\r\n", "\t", "e\u0301", "\uD835\uDC9C", "\uFDD0", "\u2028\u2029", "\u00A0", "\u3000", " ", "", "\u180E",
            "\uD83D\uDE00", "\u0007", "\u007F", "\u009F", "\uE000", "\uDB40\uDC01");

    static final List<String> INJECTION = List.of("' OR '1'='1", "\"; DROP TABLE members; --", "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "${7*7}", "../../etc/passwd", "%00",
            "MEMBER#m_0", "#", ":pk", "attribute_not_exists(pk)", "$where", "`id`", "%s%s%s%n", "\\", "\"}", "javascript:alert(1)",
            "=cmd|' /C calc'!A0", "m_0/../admin", "\u0000MEMBER#", "null", "undefined", "true", "NaN", "-1", "0");

    /** Raw JSON number tokens, some of which are not JSON at all. */
    static final List<String> NUMBERS = List.of("1e309", "-1e309", "-0", "0", "-1", "9223372036854775807", "-9223372036854775808",
            "9223372036854775808", "9007199254740993", "1e30", "-1e30", "0.000001", "1.0000000000000000001", "2147483648",
            "-2147483649", "1e-400", "123456789012345678901234567890", "0.1", "1E2", "1.5", "00", "01", "NaN", "Infinity",
            "-Infinity", "+1", ".5", "1.", "0x10", "1_000");

    /** Path and query values stop just past DynamoDB's 2048-byte key limit: a URL no client could send proves nothing. */
    static final int MAX_PARAM = 2100;

    static final List<String> WRONG_TYPES = List.of("null", "true", "false", "[]", "{}", "[null]", "\"\"", "\"123\"", "[1,2]",
            "{\"a\":1}", "0", "\"true\"", "[[]]", "{\"\":null}");

    // Built once: within a jqwik session generators are memoised per arbitrary instance.
    private static final Arbitrary<String> HUGE = makeHugeStrings();
    private static final Arbitrary<String> ODD_STRINGS = makeOddStrings();
    private static final Arbitrary<String> INJECTIONS = Arbitraries.of(INJECTION);
    private static final Arbitrary<String> BAD_JSON = makeBadJsonValues();
    private static final Arbitrary<String> BAD_PARAMS = makeBadParams();
    private static final Arbitrary<String> NUMBER_TOKENS = Arbitraries.of(NUMBERS);
    private static final Arbitrary<String> WRONG_TYPE_TOKENS = Arbitraries.of(WRONG_TYPES);
    private static final Arbitrary<String> BAD_TEXT = Arbitraries.frequencyOf(Tuple.of(5, ODD_STRINGS.map(JsonText::quote)),
            Tuple.of(2, ODD_STRINGS.map(JsonText::quoteRaw)), Tuple.of(2, INJECTIONS.map(JsonText::quote)),
            Tuple.of(1, HUGE.map(JsonText::quote)));

    private FuzzValues() {
    }

    static Arbitrary<String> oddStrings() {
        return ODD_STRINGS;
    }

    static Arbitrary<String> hugeStrings() {
        return HUGE;
    }

    static Arbitrary<String> injections() {
        return INJECTIONS;
    }

    /** A bad value for one JSON field, as raw JSON text. */
    static Arbitrary<String> badJsonValues() {
        return BAD_JSON;
    }

    /** A bad value for a field that holds a number (or a decimal string): boundary numbers, as numbers or strings. */
    static Arbitrary<String> badForNumber() {
        return Arbitraries.frequencyOf(Tuple.of(6, NUMBER_TOKENS), Tuple.of(2, NUMBER_TOKENS.map(JsonText::quote)),
                Tuple.of(2, BAD_JSON));
    }

    /** A bad value for a text field: odd unicode (escaped or raw), injection, huge; sometimes anything. */
    static Arbitrary<String> badForText() {
        return Arbitraries.frequencyOf(Tuple.of(7, BAD_TEXT), Tuple.of(3, BAD_JSON));
    }

    /** A bad value for an object or array: the wrong container, null, or anything. */
    static Arbitrary<String> badForContainer() {
        return Arbitraries.frequencyOf(Tuple.of(5, WRONG_TYPE_TOKENS), Tuple.of(5, BAD_JSON));
    }

    /** A bad path parameter or query value (not yet percent-encoded). */
    static Arbitrary<String> badParams() {
        return BAD_PARAMS;
    }

    private static Arbitrary<String> makeOddStrings() {
        Arbitrary<String> known = Arbitraries.of(ODD);
        Arbitrary<String> anyChars = Arbitraries.strings().withCharRange('\u0000', '\uFFFF').ofMinLength(1).ofMaxLength(24);
        Arbitrary<String> mixed = known.list().ofMinSize(1).ofMaxSize(4).map(parts -> "fz" + String.join("x", parts));
        return Arbitraries.frequencyOf(Tuple.of(4, known), Tuple.of(3, anyChars), Tuple.of(2, mixed), Tuple.of(1, hugeStrings()));
    }

    /** Past every length limit: DynamoDB's 2048-byte key, a 64 KB text, and beyond. */
    private static Arbitrary<String> makeHugeStrings() {
        return Arbitraries.of(257, 1025, 2049, 70_000, 300_000).flatMap(n ->
                Arbitraries.of("a", "\u00E9", "\u4E2D", "\uD83D\uDE00", "0").map(unit -> unit.repeat(Math.max(1, n / unit.length()))));
    }

    private static Arbitrary<String> makeBadJsonValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, oddStrings().map(JsonText::quote)),
                Tuple.of(2, oddStrings().map(JsonText::quoteRaw)),
                Tuple.of(2, injections().map(JsonText::quote)),
                Tuple.of(3, Arbitraries.of(NUMBERS)),
                Tuple.of(3, Arbitraries.of(WRONG_TYPES)),
                Tuple.of(1, Arbitraries.of("9999-12-31", "0001-01-01", "+999999999-12-31", "2026-02-30",
                        "2026-13-01", "1990-05-01T00:00:00Z", "yesterday", "2026-11-24T25:00:00Z", "-1000000000-01-01T00:00:00Z")
                        .map(JsonText::quote)));
    }

    private static Arbitrary<String> makeBadParams() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, oddStrings().map(s -> s.length() > MAX_PARAM ? s.substring(0, MAX_PARAM) : s)),
                Tuple.of(2, injections()),
                Tuple.of(2, Arbitraries.of(NUMBERS)),
                Tuple.of(2, Arbitraries.of("abc", "-1", "0", "1e3", "99999999999999999999", "9999-12-31",
                        "+999999999-12-31", "0000-01-01", "1970-01-01", "2026-02-30", "..", ".", "m_", "m_zz",
                        "m_" + "f".repeat(2100), "week", "YEAR", "csv", "%", "%zz", "a/b")));
    }

    /** One value, drawn with {@code random} (edge cases included); needs a jqwik session (see {@link Fuzzer}). */
    static <T> T draw(Arbitrary<T> arbitrary, Random random) {
        return arbitrary.generator(1000, true).next(random).value();
    }
}
