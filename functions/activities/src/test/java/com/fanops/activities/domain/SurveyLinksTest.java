package com.fanops.activities.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A survey link proves one member for one activity under that activity's key, and nothing else. */
class SurveyLinksTest {

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void aLinkProvesItsMemberForItsActivityOnly() {
        SurveyLinks links = new SurveyLinks(key(7));
        String token = links.token("act_1", "m_00ab");
        assertTrue(token.matches("m_00ab\\.[A-Za-z0-9_-]{43}"), token);
        assertEquals(token, links.token("act_1", "m_00ab"), "made again, the same link");
        assertEquals(Optional.of("m_00ab"), links.memberOf("act_1", token));
        assertEquals(Optional.empty(), links.memberOf("act_2", token), "another activity");
        assertEquals(Optional.empty(), new SurveyLinks(key(8)).memberOf("act_1", token), "another activity's key");
        String tag = token.substring(token.indexOf('.') + 1);
        assertEquals(Optional.empty(), links.memberOf("act_1", "m_00ac." + tag), "another member's id on this tag");
        char last = tag.charAt(42);
        assertEquals(Optional.empty(), links.memberOf("act_1", "m_00ab." + tag.substring(0, 42) + (last == 'A' ? 'B' : 'A')));
        for (String bad : new String[] {null, "", "m_00ab", "m_00ab.", token + "x", "x" + token, "M_00AB." + tag}) {
            assertFalse(links.memberOf("act_1", bad).isPresent(), String.valueOf(bad));
        }
        assertNotEquals(links.token("act_1", "m_00ab"), links.token("act_1", "m_00ac"));
    }
}
