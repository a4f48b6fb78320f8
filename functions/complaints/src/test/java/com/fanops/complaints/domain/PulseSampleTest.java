package com.fanops.complaints.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PulseSampleTest {

    private static final List<String> POPULATION = IntStream.range(0, 500).mapToObj(i -> String.format("m_%06x", i * 7919)).toList();

    private static List<String> draw(String seed, int size, List<String> population) {
        PulseSample s = new PulseSample(seed, size);
        population.forEach(s::offer);
        return s.members();
    }

    @Test
    void theSampleHasExactlyTheSizeAskedForWithoutRepeats() {
        List<String> sample = draw("p_000000000000000000000001", 50, POPULATION);
        assertEquals(50, sample.size());
        assertEquals(50, new HashSet<>(sample).size());
        assertTrue(POPULATION.containsAll(sample));
    }

    @Test
    void aPopulationSmallerThanTheSampleIsTakenWhole() {
        List<String> few = POPULATION.subList(0, 12);
        assertEquals(new HashSet<>(few), new HashSet<>(draw("p_000000000000000000000002", 100, few)));
    }

    @Test
    void theSameSeedDrawsTheSameMembersWhateverTheOrderTheyComeIn() {
        List<String> shuffled = new ArrayList<>(POPULATION);
        Collections.shuffle(shuffled, new Random(7));
        assertEquals(draw("p_00000000000000000000abcd", 40, POPULATION), draw("p_00000000000000000000abcd", 40, shuffled));
        assertTrue(!draw("p_00000000000000000000abcd", 40, POPULATION).equals(draw("p_00000000000000000000abce", 40, POPULATION)),
                "another pulse draws another sample");
    }

    /**
     * Uniformity: 4,000 pulses (seeds fixed, so the test is deterministic) each draw 50 of 500 members; every member is
     * expected in 400 samples. Pearson's chi-square over the 500 counts has 499 degrees of freedom (mean 499, standard
     * deviation about 31.6): a fair draw stays well below 499 + 5 sigma; the counts also stay within 400 +- 25%.
     */
    @Test
    void everyMemberIsEquallyLikelyToBeDrawn() {
        int pulses = 4000;
        int size = 50;
        Map<String, Integer> index = new HashMap<>();
        POPULATION.forEach(m -> index.put(m, index.size()));
        int[] counts = new int[POPULATION.size()];
        for (int p = 0; p < pulses; p++) {
            for (String m : draw(String.format("p_%024x", p), size, POPULATION)) {
                counts[index.get(m)]++;
            }
        }
        double expected = (double) pulses * size / POPULATION.size();
        double chiSquare = 0;
        for (int c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
            assertTrue(Math.abs(c - expected) < expected * 0.25, "a member drawn " + c + " times, expected about " + expected);
        }
        assertTrue(chiSquare < 499 + 5 * Math.sqrt(2 * 499), "chi-square " + chiSquare);
    }
}
