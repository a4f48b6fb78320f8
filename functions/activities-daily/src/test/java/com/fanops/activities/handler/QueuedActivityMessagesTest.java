package com.fanops.activities.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.ActivityStatus;
import com.fanops.messaging.domain.MessageKind;
import com.fanops.messaging.domain.MessagePurpose;
import com.fanops.messaging.domain.MessageRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's three requests pass messaging's own checks, with the purpose each needs and one message per member and cause. */
class QueuedActivityMessagesTest {

    @Test
    void requestsAreWellFormedAndKeyedPerMemberKindAndActivity() {
        List<MessageRequest> sent = new ArrayList<>();
        QueuedActivityMessages messages = new QueuedActivityMessages(sent::add, "https://fans.example.com/", ZoneId.of("Asia/Shanghai"),
                Clock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC));
        Activity a = new Activity("act_x1", 3, ActivityStatus.PUBLISHED, "A".repeat(120), null, Activity.ActivityType.OFFLINE, "P".repeat(200),
                Instant.parse("2026-07-10T02:00:00Z"), Instant.parse("2026-07-10T10:00:00Z"), Instant.parse("2026-07-01T00:00:00Z"),
                Instant.parse("2026-07-10T02:00:00Z"), 10, 0, Activity.Audience.everyone(), null, 0, null, "Li Na", List.of(), 0, 7, List.of());
        String m = "m_0123456789abcdef0123456789abcdef";
        messages.invitation(a, m);
        messages.reminder(a, m);
        messages.survey(a, m, m + "." + "T".repeat(43));
        messages.invitation(a, m);
        assertEquals(4, sent.size());
        sent.forEach(r -> assertEquals(List.of(), r.problems(), r.kind()));
        assertEquals(sent.get(0).messageId(), sent.get(3).messageId(), "the same invitation again is the same message");
        assertEquals("activity:act_x1:invitation", sent.get(0).cause());
        assertEquals(MessagePurpose.MARKETING, MessageKind.of("activity_invitation").orElseThrow().purpose());
        assertEquals(MessagePurpose.MARKETING, sent.get(1).messageKind().purpose());
        assertEquals(MessagePurpose.SERVICE, sent.get(2).messageKind().purpose());
        assertEquals("2026-07-10 10:00", sent.get(1).params().get("startsAt"));
        assertEquals("https://fans.example.com/activity.html#act_x1", sent.get(0).params().get("activityUrl"));
        assertEquals("https://fans.example.com/activity.html#act_x1." + m + "." + "T".repeat(43), sent.get(2).params().get("surveyUrl"));
    }
}
