package com.fanops.rewards.handler;

import static com.fanops.rewards.testing.Items.item;
import static com.fanops.rewards.testing.Items.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.members.domain.Purpose;
import com.fanops.rewards.domain.Issuance;
import com.fanops.rewards.domain.MemberLimits;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.domain.Trigger;
import com.fanops.rewards.testing.RewardsHarness;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fifteen months of the daily rewards job, each day fired with its own scheduled time (as EventBridge Scheduler sends it, and
 * as {@code ./fanops invoke RewardsDaily --time ...} does), one day fired twice: each birthday reward once a year, only to
 * members who volunteered a birthday and gave the consent the rule names (29 February kept on 28 February in other years),
 * each holiday reward once, the membership anniversary once a year.
 */
@Tag("slow")
class RewardsDailyYearTest {

    private static RewardsHarness h;

    @BeforeAll
    static void start() {
        h = new RewardsHarness(Instant.parse("2025-12-31T00:00:00Z"));
    }

    @AfterAll
    static void stop() throws Exception {
        h.close();
    }

    @Test
    void aYearOfDailyRunsIssuesEachBirthdayHolidayAndAnniversaryOnce() {
        Instant joined = Instant.parse("2025-07-01T04:00:00Z"); // 1 July in Shanghai
        h.member("m_01", joined, true, Purpose.PERSONALISATION);
        h.birthdays.put("m_01", LocalDate.parse("1990-03-15"));
        h.member("m_02", joined, true); // a birthday, but no consent to use it
        h.birthdays.put("m_02", LocalDate.parse("1991-03-15"));
        h.member("m_03", joined, false, Purpose.PERSONALISATION); // consent, but no birthday volunteered
        h.member("m_04", joined, true, Purpose.PERSONALISATION);
        h.birthdays.put("m_04", LocalDate.parse("1992-02-29"));
        h.catalogue(item("birthday-badge", RewardType.BADGE, null, 0, null, false, MemberLimits.none(), null),
                item("moon-cake", RewardType.CERTIFICATE, null, 0, null, false, MemberLimits.none(), null),
                item("anniversary-title", RewardType.TITLE, null, 0, null, false, MemberLimits.none(), null));
        h.rules(rule("birthday", Trigger.BIRTHDAY, "birthday-badge", "personalisation", null, null),
                rule("mid-autumn", Trigger.HOLIDAY, "moon-cake", null, "mid-autumn", null),
                rule("anniversary", Trigger.ANNIVERSARY, "anniversary-title", null, null, null));
        RewardsDailyHandler daily = new RewardsDailyHandler(h.rewards, p -> Optional.ofNullable(h.birthdays.get(p.memberId())));

        for (LocalDate d = LocalDate.parse("2026-01-01"); !d.isAfter(LocalDate.parse("2028-03-31")); d = d.plusDays(1)) {
            Instant runAt = d.atTime(LocalTime.of(0, 10)).atZone(RewardsHarness.ZONE).toInstant();
            h.clock.set(runAt);
            daily.handleRequest(Map.of("scheduledTime", runAt.toString(), "executionId", "x"), null);
            if (d.equals(LocalDate.parse("2026-09-25")) || d.equals(LocalDate.parse("2026-03-15"))) {
                daily.handleRequest(Map.of("time", runAt.toString()), null); // the same day fired again
            }
        }

        assertEquals(Map.of("birthday", List.of("2026-03-15", "2027-03-15", "2028-03-15"), "mid-autumn", List.of("2026-09-25", "2027-09-15"),
                        "anniversary", List.of("2026-07-01", "2027-07-01")), byRule("m_01"),
                "each birthday once a year, each holiday once, the anniversary once a year");
        assertEquals(Map.of("mid-autumn", List.of("2026-09-25", "2027-09-15"), "anniversary", List.of("2026-07-01", "2027-07-01")),
                byRule("m_02"), "no consent: no birthday reward");
        assertEquals(Map.of("mid-autumn", List.of("2026-09-25", "2027-09-15"), "anniversary", List.of("2026-07-01", "2027-07-01")),
                byRule("m_03"), "no birthday volunteered: none");
        assertEquals(List.of("2026-02-28", "2027-02-28", "2028-02-29"), byRule("m_04").get("birthday"),
                "29 February is kept on 28 February in other years");
        Issuance first = h.archive.byMember("m_01", null, 200).items().stream().filter(i -> "birthday".equals(i.ruleId())).findFirst()
                .orElseThrow();
        assertEquals("personalisation", first.consent().purpose(), "the consent the birthday reward relied on is recorded on it");
    }

    private static Map<String, List<String>> byRule(String memberId) {
        return h.archive.byMember(memberId, null, 200).items().stream().collect(Collectors.groupingBy(Issuance::ruleId, TreeMap::new,
                Collectors.mapping(i -> i.day().toString(), Collectors.collectingAndThen(Collectors.toList(),
                        l -> l.stream().sorted().toList()))));
    }
}
