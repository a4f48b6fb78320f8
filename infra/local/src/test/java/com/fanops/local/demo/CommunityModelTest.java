package com.fanops.local.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.local.demo.CommunityModel.Community;
import com.fanops.local.demo.CommunityModel.Event;
import com.fanops.local.demo.CommunityModel.Kind;
import com.fanops.local.demo.CommunityModel.Member;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo community is believable: deterministic, activity fades after joining, plausible buyers and refunds. */
class CommunityModelTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2026-11-22T06:00:00Z");
    private static final Community DEFAULT = CommunityModel.generate(7, 2000, 90, NOW, SHANGHAI);

    private static LocalDate day(Instant at) {
        return at.atZone(SHANGHAI).toLocalDate();
    }

    private static boolean engaging(Event e) {
        return !e.type().equals("unfollow") && !e.type().equals("refund");
    }

    @Test
    void theSameSeedGivesTheSameCommunityAndAnotherSeedAnother() {
        Community again = CommunityModel.generate(7, 2000, 90, NOW, SHANGHAI);
        assertEquals(DEFAULT.members(), again.members());
        assertEquals(DEFAULT.events(), again.events());
        assertNotEquals(DEFAULT.events(), CommunityModel.generate(8, 2000, 90, NOW, SHANGHAI).events());
    }

    @Test
    void theDefaultCommunityIsSizedToBeScoredInAFewMinutes() {
        Community demo = CommunityModel.generate(1, com.fanops.local.demo.Demo.DEFAULT_MEMBERS, com.fanops.local.demo.Demo.DEFAULT_DAYS,
                NOW, SHANGHAI);
        long members = demo.members().stream().filter(m -> m.kind() == Kind.MEMBER).count();
        assertEquals(500, members);
        assertEquals(3, demo.members().stream().filter(m -> m.kind() == Kind.STAFF).count());
        assertEquals(2, demo.members().stream().filter(m -> m.kind() == Kind.TEST).count());
        int events = demo.events().size();
        assertTrue(events >= 6_000 && events <= 14_000, "6-14k events: 1-5 minutes at 30-200 events/s: " + events);
    }

    @Test
    void everyEventIsOneAChannelCanPost() {
        Pattern eventId = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
        Set<String> ids = new HashSet<>();
        Map<String, Integer> checkIns = new HashMap<>();
        for (Event e : DEFAULT.events()) {
            Member m = DEFAULT.members().get(e.member());
            assertTrue(eventId.matcher(e.eventId()).matches() && ids.add(e.eventId()), "unique, valid id: " + e);
            assertTrue(!e.occurredAt().isBefore(m.joinedAt()) || e.type().equals("referral_joined"), "after joining: " + e);
            assertTrue(e.occurredAt().isBefore(NOW), "in the past: " + e);
            assertTrue(!day(e.occurredAt()).isBefore(DEFAULT.firstDay()), "within the period: " + e);
            if (e.type().equals("check_in")) {
                assertEquals(1, checkIns.merge(e.member() + "@" + day(e.occurredAt()), 1, Integer::sum), "one check-in a day: " + e);
            }
        }
        for (Member m : DEFAULT.members()) {
            assertTrue((m.email() == null) != (m.phone() == null), "exactly one contact: " + m);
            assertTrue(m.phone() == null || m.phone().matches("1[3-9][0-9]{9}"), "a mainland mobile: " + m);
            assertTrue(!day(m.joinedAt()).isBefore(DEFAULT.firstDay()) && m.joinedAt().isBefore(NOW), "joined in the period: " + m);
        }
        assertEquals(2005, DEFAULT.members().stream().map(m -> m.email() != null ? m.email() : m.phone()).distinct().count(),
                "contacts are unique");
    }

    @Test
    void mostMembersFadeAfterJoiningAndSomeStay() {
        // Of the members who joined at least 60 days ago: active in their first week versus in their eighth and ninth weeks.
        List<Member> old = DEFAULT.members().stream().filter(m -> m.kind() == Kind.MEMBER)
                .filter(m -> day(m.joinedAt()).isBefore(DEFAULT.lastDay().minusDays(63))).toList();
        Set<Integer> oldIndexes = old.stream().map(Member::index).collect(Collectors.toSet());
        Set<Integer> firstWeek = new HashSet<>();
        Set<Integer> laterWeeks = new HashSet<>();
        for (Event e : DEFAULT.events()) {
            Member m = DEFAULT.members().get(e.member());
            if (!oldIndexes.contains(m.index()) || !engaging(e)) {
                continue;
            }
            long age = day(e.occurredAt()).toEpochDay() - day(m.joinedAt()).toEpochDay();
            (age < 7 ? firstWeek : age >= 49 && age < 63 ? laterWeeks : new HashSet<Integer>()).add(e.member());
        }
        assertTrue(old.size() > 200, "enough early members to judge: " + old.size());
        double early = firstWeek.size() / (double) old.size();
        double late = laterWeeks.size() / (double) old.size();
        assertTrue(early > 0.6, "most are active in their first week: " + early);
        assertTrue(late < early / 2, "activity fades: " + early + " -> " + late);
        assertTrue(late > 0.15, "a core stays: " + late);
    }

    @Test
    void aMinorityBuysSomeRefundAndReferralsComeFromEarlierMembers() {
        Map<String, Event> purchases = DEFAULT.events().stream().filter(e -> e.type().equals("purchase"))
                .collect(Collectors.toMap(Event::eventId, e -> e));
        long buyers = purchases.values().stream().map(Event::member).distinct().count();
        double share = buyers / 2000.0;
        assertTrue(share > 0.05 && share < 0.3, "share of members who ever buy: " + share);
        purchases.values().forEach(p -> assertTrue(p.amount().signum() > 0 && p.currency().equals("CNY"), p.toString()));

        List<Event> refunds = DEFAULT.events().stream().filter(e -> e.type().equals("refund")).toList();
        assertTrue(refunds.size() > 5 && refunds.size() < purchases.size() / 5, "a few refunds: " + refunds.size());
        for (Event r : refunds) {
            Event p = purchases.get(r.refEventId());
            assertNotNull(p, "a refund names a purchase: " + r);
            assertEquals(p.member(), r.member());
            assertEquals(p.channel(), r.channel(), "refunded where it was bought");
            assertTrue(r.occurredAt().isAfter(p.occurredAt()) && r.amount().compareTo(p.amount()) <= 0, r + " of " + p);
        }

        List<Event> referrals = DEFAULT.events().stream().filter(e -> e.type().equals("referral_joined")).toList();
        assertTrue(referrals.size() > 100, "referrals: " + referrals.size());
        for (Member referred : DEFAULT.members()) {
            if (referred.referredBy() != null) {
                Member referrer = DEFAULT.members().get(referred.referredBy());
                assertTrue(referrer.joinedAt().isBefore(referred.joinedAt()), "the referrer was there first");
            }
        }
        long follows = DEFAULT.count("follow");
        long unfollows = DEFAULT.count("unfollow");
        assertTrue(unfollows > 0 && unfollows < follows / 5, follows + " follows, " + unfollows + " unfollows");
    }

    @Test
    void theCommunityGrows() {
        long firstMonth = DEFAULT.members().stream().filter(m -> m.kind() == Kind.MEMBER)
                .filter(m -> day(m.joinedAt()).isBefore(DEFAULT.firstDay().plusDays(30))).count();
        long lastMonth = DEFAULT.members().stream().filter(m -> m.kind() == Kind.MEMBER)
                .filter(m -> day(m.joinedAt()).isAfter(DEFAULT.lastDay().minusDays(30))).count();
        assertTrue(lastMonth > 1.5 * firstMonth, firstMonth + " joined in the first 30 days, " + lastMonth + " in the last 30");
    }
}
