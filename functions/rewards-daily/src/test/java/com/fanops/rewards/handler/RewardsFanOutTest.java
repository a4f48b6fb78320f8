package com.fanops.rewards.handler;

import static com.fanops.rewards.testing.Items.item;
import static com.fanops.rewards.testing.Items.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.members.domain.Purpose;
import com.fanops.platform.jobs.JobRuns;
import com.fanops.platform.jobs.ShardTask;
import com.fanops.rewards.app.DailyRewards;
import com.fanops.rewards.app.DailyRewardsJob;
import com.fanops.rewards.domain.MemberLimits;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.domain.Trigger;
import com.fanops.rewards.testing.RewardsHarness;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The daily rewards run fanned out (issue 16) issues exactly what the single run issues: two copies of one generated community
 * (members spread over the id space; birthdays with and without the consent, anniversaries, a holiday, win-back episodes with
 * and without a return), one worked by {@link RewardsDailyHandler}'s single run, the other by the coordinator and its shards;
 * then every shard message delivered again, and every shard's work run again, issues nothing more.
 */
class RewardsFanOutTest {

    private static final LocalDate DAY = LocalDate.parse("2026-09-25"); // mid-autumn in the default calendar
    private static final Instant AT = DAY.atTime(LocalTime.of(0, 10)).atZone(RewardsHarness.ZONE).toInstant();

    @Test
    void theFannedOutRunIssuesWhatTheSingleRunIssuesAndARedeliveredShardNothingMore() throws Exception {
        try (RewardsHarness single = new RewardsHarness(AT); RewardsHarness fanned = new RewardsHarness(AT)) {
            List<String> ids = community(single);
            community(fanned);

            Map<String, Object> reference = new RewardsDailyHandler(single.rewards, birthdaysOf(single))
                    .handleRequest(Map.of("scheduledTime", AT.toString()), null);

            List<ShardTask> queued = new ArrayList<>();
            RewardsFanOut wiring = new RewardsFanOut(fanned.rewards, p -> Optional.ofNullable(fanned.birthdays.get(p.memberId())),
                    fanned.dynamo.client(), RewardsHarness.TABLES, queued::addAll, 100);
            Map<String, Object> coordinated = new RewardsJobHandler(wiring, fanned.clock).handleRequest(Map.of("scheduledTime", AT.toString()), null);
            int shards = (int) coordinated.get("shards");
            assertTrue(shards > 2, "the members table's size makes several shards: " + shards);
            assertEquals(shards, queued.size());
            RewardsShardHandler worker = new RewardsShardHandler(wiring);
            for (ShardTask task : queued) {
                assertEquals(List.of(), worker.handleRequest(sqs(task.toJson()), null).getBatchItemFailures(), "shard " + task.shard());
            }
            JobRuns.Run run = new JobRuns(fanned.dynamo.client(), RewardsHarness.TABLES.rewards(), fanned.meter)
                    .get(DailyRewardsJob.NAME, DAY).orElseThrow();
            assertTrue(run.complete() && run.assembledAt() != null, "every shard reported and the run was assembled");

            Map<String, List<String>> expected = archive(single, ids);
            assertEquals(expected, archive(fanned, ids), "the same rewards for the same members and causes");
            assertEquals(((Map<?, ?>) reference.get("issued")).entrySet().stream().filter(e -> ((Integer) e.getValue()) > 0)
                    .collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), e -> (Integer) e.getValue(), (a, b) -> a, TreeMap::new)),
                    issuedByKind(fanned, ids), "the kinds counted alike");
            assertTrue(expected.values().stream().mapToInt(List::size).sum() > 60, "the community earned rewards of every kind");

            for (ShardTask task : queued) {
                assertEquals(List.of(), worker.handleRequest(sqs(task.toJson()), null).getBatchItemFailures()); // delivered twice
                DailyRewards.ShardCounts again = DailyRewardsJob.parse(wiring.job.runShard(task)); // and worked twice
                assertEquals(0, again.issued().values().stream().mapToInt(Integer::intValue).sum(), "a shard worked again issues nothing");
            }
            assertEquals(expected, archive(fanned, ids), "nothing more after the redeliveries");
        }
    }

    /** The generated community, the same in both harnesses (a fixed seed). */
    private static List<String> community(RewardsHarness h) {
        h.catalogue(item("birthday-badge", RewardType.BADGE, null, 0, null, false, MemberLimits.none(), null),
                item("moon-cake", RewardType.CERTIFICATE, null, 0, null, false, MemberLimits.none(), null),
                item("anniversary-title", RewardType.TITLE, null, 0, null, false, MemberLimits.none(), null),
                item("welcome-back", RewardType.BADGE, null, 0, null, false, MemberLimits.none(), null));
        h.rules(rule("birthday", Trigger.BIRTHDAY, "birthday-badge", "personalisation", null, null),
                rule("mid-autumn", Trigger.HOLIDAY, "moon-cake", null, "mid-autumn", null),
                rule("anniversary", Trigger.ANNIVERSARY, "anniversary-title", null, null, null),
                rule("win-back", Trigger.WIN_BACK, "welcome-back", null, null, 14));
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = String.format("m_%08x%024x", (int) (i * 0x9E3779B1L), i); // spread over the id space, as sign-up's are
            ids.add(id);
            LocalDate joined = random.nextInt(4) == 0 ? DAY.minusYears(1 + random.nextInt(3)) : DAY.minusDays(1 + random.nextInt(900));
            boolean birthday = random.nextInt(3) > 0;
            boolean consent = random.nextBoolean();
            if (consent) {
                h.member(id, joined.atTime(12, 0).atZone(RewardsHarness.ZONE).toInstant(), birthday, Purpose.PERSONALISATION);
            } else {
                h.member(id, joined.atTime(12, 0).atZone(RewardsHarness.ZONE).toInstant(), birthday);
            }
            if (birthday) {
                h.birthdays.put(id, random.nextInt(3) == 0 ? DAY.minusYears(20 + random.nextInt(30)) : DAY.minusDays(1 + random.nextInt(20_000)));
            }
            if (random.nextInt(4) == 0) {
                LocalDate dormant = DAY.minusDays(3 + random.nextInt(20));
                h.winBacks.record(id, dormant);
                if (random.nextBoolean()) {
                    Instant back = dormant.plusDays(1 + random.nextInt(2)).atTime(10, 0).atZone(RewardsHarness.ZONE).toInstant();
                    h.days.apply(new Interaction("web", "back-" + i, id, InteractionType.LIKE, back, null, null, null, null),
                            EngagementRules.defaults());
                }
            }
        }
        return ids;
    }

    private static com.fanops.rewards.app.DailyRewards.Birthdays birthdaysOf(RewardsHarness h) {
        return p -> Optional.ofNullable(h.birthdays.get(p.memberId()));
    }

    private static SQSEvent sqs(String body) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId("shard-message");
        m.setBody(body);
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(m));
        return event;
    }

    /** Each member's rewards: rule, day and status. */
    private static Map<String, List<String>> archive(RewardsHarness h, List<String> ids) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String id : ids) {
            List<String> rewards = h.archive.byMember(id, null, 200).items().stream()
                    .map(i -> i.ruleId() + "|" + i.day() + "|" + i.status().key()).sorted().toList();
            if (!rewards.isEmpty()) {
                out.put(id, rewards);
            }
        }
        return out;
    }

    private static Map<String, Integer> issuedByKind(RewardsHarness h, List<String> ids) {
        Map<String, String> kinds = Map.of("birthday", "birthday", "mid-autumn", "holiday", "anniversary", "anniversary", "win-back", "win-back");
        Map<String, Integer> out = new TreeMap<>();
        for (String id : ids) {
            h.archive.byMember(id, null, 200).items().forEach(i -> out.merge(kinds.get(i.ruleId()), 1, Integer::sum));
        }
        return out;
    }
}
