package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.local.demo.CommunityModel;
import org.junit.jupiter.api.Tag;
import com.fanops.local.demo.Demo;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./fanops demo} on a small community through the local runtime: members imported (staff and test accounts with
 * their kind), every interaction accepted and scored (refunds included), nothing dead-lettered, then the metrics of
 * every finished day computed - checked through the admin API as an operator and an analyst would, yesterday's
 * figures against the generated community.
 */
@Tag("e2e")
class DemoStackTest {

    private static final int MEMBERS = 60;
    private static final int DAYS = 20;

    @TempDir
    Path work;

    @Test
    void aSmallDemoCommunityIsImportedAndScoredThroughTheApis() throws Exception {
        Instant now = Instant.now();
        // A seed whose community has a refund and an unfollow at this moment, so every kind of event goes through.
        long seed = 1;
        while (CommunityModel.generate(seed, MEMBERS, DAYS, now, ZoneId.of("Asia/Shanghai")).count("refund") == 0
                || CommunityModel.generate(seed, MEMBERS, DAYS, now, ZoneId.of("Asia/Shanghai")).count("unfollow") == 0) {
            seed++;
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream progress = new PrintStream(new Tee(printed, System.out), true, StandardCharsets.UTF_8);
        try (FixtureStack stack = new FixtureStack(FixtureStack.ROOT.resolve("template.yaml"), work,
                Map.of("IngestHorizonDays", String.valueOf(DAYS + 1)))) {
            Demo.Outcome outcome = new Demo(stack.cloud, progress).run(new Demo.Settings(MEMBERS, DAYS, seed, now));
            CommunityModel.Community community = outcome.community();

            assertTrue(outcome.kindsImported(), "staff and test accounts imported with their kind");
            assertEquals(MEMBERS + 5, outcome.memberIds().size(), "every member, staff and test account imported");
            assertTrue(outcome.posted() > 5L * MEMBERS, "a realistic amount of activity: " + outcome.posted());
            assertEquals(outcome.posted(), outcome.accepted(), "the ingestion API accepted every event");
            assertEquals(0, outcome.deadLettered(), "nothing dead-lettered");
            String out = printed.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("members imported: " + MEMBERS + "/" + MEMBERS) && out.contains("queue drained/scored")
                    && out.contains("events posted"), "progress shown:\n" + out);

            String admin = stack.signIn("admin");
            // The list is the member directory, kept from the events the demo's API calls caused: every imported member
            // is listed, with the tier and category their standing has (waiting for the last events to be projected).
            Map<String, String> directory = new java.util.HashMap<>();
            Map<String, String> standings = new java.util.HashMap<>();
            long deadline = System.currentTimeMillis() + 60_000;
            do {
                directory.clear();
                JsonNode listed = get(stack, admin, "/v1/admin/members?status=active&limit=200");
                listed.path("members").forEach(m -> directory.put(m.path("memberId").asText(),
                        m.path("tier").asText() + "/" + m.path("category").asText()));
                for (String id : outcome.memberIds().values()) {
                    JsonNode engagement = get(stack, admin, "/v1/admin/members/" + id + "/engagement");
                    standings.put(id, engagement.path("tier").asText() + "/" + engagement.path("category").asText());
                }
                if (directory.keySet().containsAll(outcome.memberIds().values()) && directory.entrySet().containsAll(standings.entrySet())) {
                    break;
                }
                Thread.sleep(1000);
            } while (System.currentTimeMillis() < deadline);
            assertTrue(directory.keySet().containsAll(outcome.memberIds().values()), "the admin API lists every imported member");
            assertTrue(directory.entrySet().containsAll(standings.entrySet()), "the directory shows each member's tier and category");

            // The busiest community member and every member with a refund: their timelines hold exactly their events.
            Set<Integer> sample = community.events().stream().filter(e -> e.type().equals("refund")).map(CommunityModel.Event::member)
                    .collect(Collectors.toCollection(HashSet::new));
            community.members().stream().filter(m -> m.kind() == CommunityModel.Kind.MEMBER)
                    .max(Comparator.comparingLong(m -> community.eventsOf(m.index()).size())).ifPresent(m -> sample.add(m.index()));
            for (int index : sample) {
                String memberId = outcome.memberIds().get(index);
                Set<String> expected = community.eventsOf(index).stream().map(CommunityModel.Event::eventId).collect(Collectors.toSet());
                Set<String> recorded = new HashSet<>();
                String cursor = null;
                do {
                    JsonNode page = get(stack, admin, "/v1/admin/members/" + memberId + "/interactions?limit=200"
                            + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                    page.path("items").forEach(i -> recorded.add(i.path("eventId").asText()));
                    cursor = page.path("next").isTextual() ? page.path("next").asText() : null;
                } while (cursor != null);
                assertEquals(expected, recorded, "member " + index + " scored once per event");
                JsonNode engagement = get(stack, admin, "/v1/admin/members/" + memberId + "/engagement");
                assertTrue(engagement.path("activeDays").asInt() > 0 && engagement.path("score").asDouble() > 0, engagement.toString());
            }

            // The metrics of every finished day were computed; yesterday's figures are the community's, by definition.
            assertEquals("computed", outcome.metrics());
            ZoneId zone = community.zone();
            LocalDate yesterday = community.lastDay().minusDays(1);
            JsonNode snapshot = get(stack, stack.signIn("analyst"), "/v1/admin/metrics/daily/" + yesterday);
            assertEquals(outcome.lastSnapshot(), snapshot, "the demo reports the snapshot the API serves");
            Set<Integer> members = community.members().stream().filter(m -> m.kind() == CommunityModel.Kind.MEMBER
                    && !m.joinedAt().atZone(zone).toLocalDate().isAfter(yesterday)).map(CommunityModel.Member::index).collect(Collectors.toSet());
            assertEquals(members.size(), snapshot.path("members").path("members").asLong(), "community members only: staff and test excluded");
            java.util.function.Function<LocalDate, Long> activeSince = from -> community.events().stream()
                    .filter(e -> members.contains(e.member()) && !Set.of("unfollow", "refund").contains(e.type()))
                    .filter(e -> { LocalDate d = e.occurredAt().atZone(zone).toLocalDate(); return !d.isBefore(from) && !d.isAfter(yesterday); })
                    .map(CommunityModel.Event::member).distinct().count();
            assertEquals(activeSince.apply(yesterday), snapshot.path("activity").path("dau").asLong(), "DAU");
            assertEquals(activeSince.apply(yesterday.minusDays(29)), snapshot.path("activity").path("mau").asLong(), "MAU");
            assertTrue(snapshot.path("activity").path("mau").asLong() > 0, snapshot.toString());
            long joinedTheWeekBefore = members.stream().filter(i -> {
                LocalDate d = community.members().get(i).joinedAt().atZone(zone).toLocalDate();
                return !d.isBefore(yesterday.minusDays(7)) && d.isBefore(yesterday);
            }).count();
            assertEquals(joinedTheWeekBefore, snapshot.path("retention").path("headline").path("classic").path("d1").path("size").asLong(),
                    "the headline D1's seven cohorts");
            long inCohorts = 0;
            for (JsonNode row : snapshot.path("cohorts")) {
                inCohorts += row.path("size").asLong();
            }
            long joinedInTheMonth = members.stream().filter(i -> {
                LocalDate d = community.members().get(i).joinedAt().atZone(zone).toLocalDate();
                return !d.isBefore(yesterday.minusDays(30)) && d.isBefore(yesterday);
            }).count();
            assertEquals(joinedInTheMonth, inCohorts, "the cohorts of the 30 days before hold everyone who joined then");
            assertTrue(inCohorts > 0);
            JsonNode tiers = snapshot.path("distribution").path("tier");
            long distributed = 0;
            for (JsonNode n : tiers) {
                distributed += n.asLong();
            }
            assertEquals(MEMBERS, distributed, "the tier distribution, recorded when yesterday was first computed: every community "
                    + "member (today's joiners too, the counters are current), after every event was taken in");
        }
    }

    private static JsonNode get(FixtureStack stack, String token, String path) throws Exception {
        HttpResponse<String> response = stack.send(HttpRequest.newBuilder(stack.api(path)).header("authorization", "Bearer " + token).build());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return SimpleHttp.JSON.readTree(response.body());
    }

    /** Progress goes to the test's output and is kept for the assertions. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws java.io.IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
