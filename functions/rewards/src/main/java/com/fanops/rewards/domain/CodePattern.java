package com.fanops.rewards.domain;

import com.fanops.platform.http.FieldError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * How generated coupon codes look: a prefix, then a pattern where each {@code #} is one character drawn from the charset
 * and every other character is literal ({@code FAN-####-####}); without a pattern, {@code length} characters from the
 * charset. The pattern can produce {@code |charset| ^ (number of #)} codes: a count above that is refused, and codes are
 * drawn without replacement (Floyd's sampling over the code numbers), so a count the pattern can produce always gets
 * that many different codes in one pass.
 */
public record CodePattern(String charset, Integer length, String prefix, String pattern) {

    /** No 0/O or 1/I: codes are read aloud and typed from screenshots. */
    public static final String DEFAULT_CHARSET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public static final int MAX_COUNT = 100_000;

    public CodePattern {
        charset = charset == null ? DEFAULT_CHARSET : charset;
        prefix = prefix == null ? "" : prefix;
    }

    /** The full template: the prefix and the pattern, or {@code length} placeholders. */
    public String template() {
        return prefix + (pattern != null ? pattern : "#".repeat(length == null ? 0 : length));
    }

    public int placeholders() {
        return (int) template().chars().filter(c -> c == '#').count();
    }

    /** How many different codes the pattern can produce. */
    public BigInteger capacity() {
        return BigInteger.valueOf(charset.length()).pow(placeholders());
    }

    /** Field errors for a request to generate {@code count} codes (including a count the pattern cannot produce). */
    public List<FieldError> validate(Integer count) {
        List<FieldError> errors = new ArrayList<>();
        Set<Integer> chars = new HashSet<>();
        if (charset.length() < 2 || charset.length() > 64 || !charset.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 && chars.add(c))) {
            errors.add(new FieldError("charset", "2-64 different ASCII letters and digits"));
        }
        if ((pattern == null) == (length == null)) {
            errors.add(new FieldError(pattern == null ? "length" : "pattern", "give either a length or a pattern"));
        } else if (length != null && (length < 4 || length > 32)) {
            errors.add(new FieldError("length", "from 4 to 32"));
        } else if (pattern != null && (pattern.length() > 48 || !pattern.matches("[A-Za-z0-9_#-]+") || !pattern.contains("#"))) {
            errors.add(new FieldError("pattern", "up to 48 of A-Z a-z 0-9 _ - and # (one charset character each), with at least one #"));
        }
        if (prefix.length() > 16 || !prefix.matches("[A-Za-z0-9_-]*")) {
            errors.add(new FieldError("prefix", "up to 16 of A-Z a-z 0-9 _ -"));
        }
        if (errors.isEmpty() && (template().length() < 4 || template().length() > 64)) {
            errors.add(new FieldError("pattern", "a code is 4-64 characters long with its prefix"));
        }
        if (count == null || count < 1 || count > MAX_COUNT) {
            errors.add(new FieldError("count", "from 1 to " + MAX_COUNT));
        } else if (errors.isEmpty() && capacity().compareTo(BigInteger.valueOf(count)) < 0) {
            errors.add(new FieldError("count", "the pattern can produce only " + capacity() + " different codes"));
        }
        return errors;
    }

    /** {@code count} different codes, none of them in {@code exclude}. The caller validated the request. */
    public List<String> generate(int count, Set<String> exclude, RandomGenerator random) {
        BigInteger capacity = capacity();
        if (capacity.compareTo(BigInteger.valueOf((long) count + exclude.size())) < 0) {
            throw new IllegalArgumentException("the pattern cannot produce " + count + " more codes");
        }
        Set<String> out = new LinkedHashSet<>();
        if (capacity.bitLength() < 63) {
            // Floyd: a uniform sample of distinct numbers below the capacity, one draw per code.
            long n = capacity.longValue();
            Set<Long> picked = new HashSet<>();
            for (long j = n - count - exclude.size(); j < n && out.size() < count; j++) {
                long t = random.nextLong(j + 1);
                long chosen = picked.add(t) ? t : j;
                picked.add(chosen);
                String code = code(chosen);
                if (!exclude.contains(code)) {
                    out.add(code);
                }
            }
        }
        while (out.size() < count) {
            // Huge code spaces (or codes excluded above): plain draws, collisions are negligible or bounded by the margin.
            byte[] bytes = new byte[capacity.bitLength() / 8 + 9];
            random.nextBytes(bytes);
            String code = code(new BigInteger(1, bytes).mod(capacity));
            if (!exclude.contains(code)) {
                out.add(code);
            }
        }
        return List.copyOf(out);
    }

    /** Code number {@code number} in base |charset|, written into the template's placeholders (last placeholder lowest). */
    public String code(long number) {
        return code(BigInteger.valueOf(number));
    }

    private String code(BigInteger number) {
        char[] out = template().toCharArray();
        BigInteger base = BigInteger.valueOf(charset.length());
        BigInteger rest = number;
        for (int i = out.length - 1; i >= 0; i--) {
            if (out[i] == '#') {
                BigInteger[] qr = rest.divideAndRemainder(base);
                out[i] = charset.charAt(qr[1].intValue());
                rest = qr[0];
            }
        }
        return new String(out);
    }
}
