package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.local.demo.CommunityModel;
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
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./fanops demo} on a small community through the local runtime: members imported, every interaction accepted
 * and scored (refunds included), nothing dead-lettered - checked through the admin API as an operator would.
 */
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

            int expectedMembers = MEMBERS + (outcome.kindsImported() ? 5 : 0);
            assertEquals(expectedMembers, outcome.memberIds().size(), "every member imported");
            assertTrue(outcome.posted() > 5L * MEMBERS, "a realistic amount of activity: " + outcome.posted());
            assertEquals(outcome.posted(), outcome.accepted(), "the ingestion API accepted every event");
            assertEquals(0, outcome.deadLettered(), "nothing dead-lettered");
            String out = printed.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("members imported: " + MEMBERS + "/" + MEMBERS) && out.contains("queue drained/scored")
                    && out.contains("events posted"), "progress shown:\n" + out);

            String admin = stack.signIn("admin");
            JsonNode listed = get(stack, admin, "/v1/admin/members?status=active&limit=200");
            Set<String> ids = new HashSet<>();
            listed.path("members").forEach(m -> ids.add(m.path("memberId").asText()));
            assertTrue(ids.containsAll(outcome.memberIds().values()), "the admin API lists every imported member");

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
