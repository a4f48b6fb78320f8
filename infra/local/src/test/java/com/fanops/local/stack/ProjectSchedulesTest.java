package com.fanops.local.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.local.events.LocalScheduler;
import com.fanops.template.LocalNames;
import com.fanops.template.Resolver;
import com.fanops.template.Template;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The daily jobs' EventBridge Scheduler schedules as the local runtime reads them from template.yaml: business-time
 * crons in {@code BusinessTimeZone} (a {@code --param} override included), and the input the function receives.
 */
class ProjectSchedulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTIONS = "arn:aws:lambda:" + LocalConfig.REGION + ":" + LocalConfig.ACCOUNT + ":function:";
    private final List<String[]> deliveries = new CopyOnWriteArrayList<>();

    private LocalScheduler schedules(Map<String, String> parameters) {
        Template template = Template.load(Path.of("../../template.yaml"));
        AtomicReference<Resolver> resolver = new AtomicReference<>();
        LocalNames names = new LocalNames(LocalConfig.REGION, LocalConfig.ACCOUNT, resolver::get);
        resolver.set(new Resolver(template, names, parameters, LocalConfig.REGION, LocalConfig.ACCOUNT, LocalConfig.STACK));
        LocalScheduler scheduler = new LocalScheduler(LocalConfig.REGION, LocalConfig.ACCOUNT,
                (arn, input) -> deliveries.add(new String[] {arn, input}), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertEquals(List.of("ActivitiesDaily", "ComplaintsSweep", "EngagementDaily", "MetricsDaily", "RewardsDaily"), new Provisioner(template, resolver.get(), names)
                .createSchedules(scheduler, FUNCTIONS).stream().sorted().toList());
        return scheduler;
    }

    private static Instant next(LocalScheduler scheduler, String schedule, String after) {
        return scheduler.nextFireTime(schedule, Instant.parse(after)).orElseThrow();
    }

    @Test
    void theDailyJobsRunAfterMidnightInTheBusinessTimeZone() {
        try (LocalScheduler shanghai = schedules(Map.of())) {
            assertEquals(Instant.parse("2026-07-14T16:05:00Z"), next(shanghai, "EngagementDaily", "2026-07-14T12:00:00Z"));
            assertEquals(Instant.parse("2026-07-14T16:20:00Z"), next(shanghai, "MetricsDaily", "2026-07-14T12:00:00Z"));
            assertEquals(Instant.parse("2026-07-14T16:30:00Z"), next(shanghai, "RewardsDaily", "2026-07-14T12:00:00Z"));
            assertEquals(Instant.parse("2026-07-14T16:40:00Z"), next(shanghai, "ActivitiesDaily", "2026-07-14T12:00:00Z"));
        }
        try (LocalScheduler berlin = schedules(Map.of("BusinessTimeZone", "Europe/Berlin"))) {
            assertEquals(Instant.parse("2026-01-14T23:05:00Z"), next(berlin, "EngagementDaily", "2026-01-14T12:00:00Z"), "winter");
            assertEquals(Instant.parse("2026-07-14T22:05:00Z"), next(berlin, "EngagementDaily", "2026-07-14T12:00:00Z"), "summer");
            assertEquals(Instant.parse("2026-07-14T22:20:00Z"), next(berlin, "MetricsDaily", "2026-07-14T12:00:00Z"));
            assertEquals(Instant.parse("2026-07-14T22:40:00Z"), next(berlin, "ActivitiesDaily", "2026-07-14T12:00:00Z"));
        }
    }

    @Test
    void theComplaintsSweepRunsEveryFiveMinutesInTheBusinessTimeZone() {
        try (LocalScheduler shanghai = schedules(Map.of())) {
            assertEquals(Instant.parse("2026-07-14T12:05:00Z"), next(shanghai, "ComplaintsSweep", "2026-07-14T12:01:30Z"));
            assertEquals(Instant.parse("2026-07-14T12:10:00Z"), next(shanghai, "ComplaintsSweep", "2026-07-14T12:05:00Z"));
        }
    }

    @Test
    void aFiredScheduleInvokesItsFunctionWithTheScheduledTimeAndAnExecutionId() throws Exception {
        try (LocalScheduler scheduler = schedules(Map.of())) {
            scheduler.fire("MetricsDaily", OffsetDateTime.parse("2026-03-01T00:20:00+08:00").toInstant());
        }
        assertEquals(FUNCTIONS + "MetricsDailyFunction", deliveries.get(0)[0]);
        JsonNode input = JSON.readTree(deliveries.get(0)[1]);
        assertEquals("2026-02-28T16:20:00Z", input.get("scheduledTime").asText());
        assertTrue(input.get("executionId").asText().matches("[0-9a-f]{16}"), input.toString());
    }
}
