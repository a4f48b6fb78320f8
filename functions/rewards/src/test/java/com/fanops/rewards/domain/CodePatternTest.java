package com.fanops.rewards.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.http.FieldError;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CodePatternTest {

    @Example
    void aCountThePatternCannotProduceIsRefusedNamingCount() {
        CodePattern twoDigits = new CodePattern("AB", null, "X-", "##");
        assertEquals(BigInteger.valueOf(4), twoDigits.capacity());
        assertEquals(List.of(), twoDigits.validate(4));
        List<FieldError> errors = twoDigits.validate(5);
        assertEquals("count", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("only 4"));
    }

    @Example
    void malformedPatternsAreRefusedFieldByField() {
        assertEquals("charset", new CodePattern("AA", 6, null, null).validate(1).get(0).field(), "repeated characters");
        assertEquals("pattern", new CodePattern(null, null, null, "AB CD#").validate(1).get(0).field());
        assertEquals("length", new CodePattern(null, null, null, null).validate(1).get(0).field());
        assertEquals("prefix", new CodePattern(null, 8, "a b", null).validate(1).get(0).field());
    }

    @Property(tries = 200)
    void everyCountThePatternCanProduceGetsThatManyDifferentCodesOfItsShape(@ForAll @IntRange(min = 1, max = 4) int placeholders,
                                                                              @ForAll @IntRange(min = 2, max = 6) int charsetSize,
                                                                              @ForAll long seed) {
        String charset = "ABCDEF".substring(0, charsetSize);
        CodePattern p = new CodePattern(charset, null, "FAN-", "#".repeat(placeholders) + "-Z");
        int capacity = p.capacity().intValueExact();
        Random random = new Random(seed);
        int count = 1 + random.nextInt(capacity);
        assertEquals(List.of(), p.validate(count));
        List<String> codes = p.generate(count, Set.of(), random);
        assertEquals(count, codes.size());
        assertEquals(count, new HashSet<>(codes).size(), "all different");
        String shape = "FAN-[" + charset + "]{" + placeholders + "}-Z";
        assertTrue(codes.stream().allMatch(c -> c.matches(shape)), codes.toString());
        assertTrue(codes.stream().allMatch(c -> RewardIds.CODE.matcher(c).matches()));
    }

    @Example
    void excludedCodesAreNeverDrawn() {
        CodePattern p = new CodePattern("AB", null, "", "###-0");
        Set<String> exclude = Set.of("AAA-0", "BBB-0");
        List<String> codes = p.generate(6, exclude, new Random(1));
        assertEquals(6, new HashSet<>(codes).size());
        assertTrue(codes.stream().noneMatch(exclude::contains));
    }
}
