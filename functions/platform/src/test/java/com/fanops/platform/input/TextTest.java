package com.fanops.platform.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.http.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

    private static List<FieldError> errors(String value, int max) {
        List<FieldError> errors = new ArrayList<>();
        Text.name(errors, "nickname", value, max, true);
        return errors;
    }

    @Test
    void cleanNamesAreStrippedAndNfc() {
        List<FieldError> errors = new ArrayList<>();
        assertEquals("Zo\u00eb \ud83c\udf89", Text.name(errors, "nickname", "  Zoe\u0308 \ud83c\udf89 ", 40, true));
        assertTrue(errors.isEmpty());
    }

    @Test
    void lengthsAreCountedInCodePoints() {
        assertTrue(errors("\ud83c\udf89".repeat(40), 40).isEmpty());
        assertEquals("must be 1-40 characters", errors("\ud83c\udf89".repeat(41), 40).get(0).message());
    }

    @Test
    void hostileCharactersAreRefused() {
        for (String bad : List.of("a\u0000", "a\u0007", "a\u009b", "a\nb", "a\tb", "\ud800", "x\udfff", "a\ufdd0", "a\uffff",
                "a\ud83f\udffe", "a\u202eb", "a\u2067b")) {
            assertEquals(1, errors(bad, 40).size(), bad);
        }
    }

    @Test
    void namesThatShowNothingAreRefused() {
        for (String invisible : List.of("", "   ", "\u200b\u200b", "\u200d", "\u3000", "\u2060", "\ufeff", "\u3164")) {
            assertEquals("is required", errors(invisible, 40).get(0).message(), invisible);
        }
    }

    @Test
    void multiLineTextsKeepNewlinesAndTabsOnly() {
        List<FieldError> errors = new ArrayList<>();
        assertEquals("a\n\tb", Text.multiLine(errors, "description", "a\n\tb", 100, true));
        assertNull(Text.multiLine(errors, "description", "a\u0000", 100, true));
        assertEquals(1, errors.size());
    }

    @Test
    void datesAreStrictIsoWithinPlausibleYears() {
        assertEquals("2024-02-29", Dates.parse("2024-02-29").toString());
        for (String bad : List.of("2023-02-29", "0001-01-01", "+999999999-12-31", "2026-1-01", "20260101", "2026-01-01T00:00")) {
            try {
                Dates.parse(bad);
                throw new AssertionError(bad);
            } catch (IllegalArgumentException expected) {
                // refused
            }
        }
    }
}
