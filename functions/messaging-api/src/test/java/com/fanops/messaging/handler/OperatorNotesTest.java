package com.fanops.messaging.handler;

import static com.fanops.messaging.handler.MessagingStack.json;
import static com.fanops.messaging.handler.MessagingStack.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.messaging.domain.MessageRequest;
import com.fanops.platform.limits.RateLimit;
import com.fanops.testing.ApiEvents;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A service message written from a member's record: queued as an operator_note, audited without its text. */
class OperatorNotesTest {

    private static MessagingStack stack;

    @BeforeAll
    static void start() {
        stack = new MessagingStack(new RateLimit("unsubscribe-client", 5, Duration.ofMinutes(10)));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static String auditTable() {
        return stack.dynamo.client().scan(b -> b.tableName("AuditTable")).items().toString();
    }

    @Test
    void anAgentsNoteIsQueuedAsAnOperatorNoteAndAuditedWithoutItsText() {
        String memberId = stack.member("Lin", false);
        var sent = stack.as("agent", ApiEvents.request("POST", "/v1/admin/members/{memberId}/messages", memberId)
                .json("{\"text\":\"Your parcel left the store today.\"}"));
        assertEquals(202, sent.getStatusCode(), sent.getBody());
        MessageRequest queued = stack.queued.get(stack.queued.size() - 1);
        assertEquals(memberId, queued.memberId());
        assertEquals("operator_note", queued.kind());
        assertEquals("Your parcel left the store today.", queued.params().get("text"));
        assertTrue(queued.problems().isEmpty(), queued.problems().toString());
        assertEquals(queued.messageId(), json(sent).path("messageId").asText());
        String audit = auditTable();
        assertTrue(audit.contains("messages.operator_note") && audit.contains("agent@brand.cn") && audit.contains(memberId), audit);
        assertFalse(audit.contains("parcel"), "the text is not audited");

        stack.as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/messages", memberId).json("{\"text\":\"Second\"}"));
        var last = stack.queued.get(stack.queued.size() - 1);
        assertFalse(last.messageId().equals(queued.messageId()), "two notes are two messages");
    }

    @Test
    void analystsWriteNothingAndBadNotesAreRefusedNamingTheFieldQueueingNothing() {
        String memberId = stack.member("Wu", false);
        int before = stack.queued.size();
        assertEquals(403, stack.as("analyst", ApiEvents.request("POST", "/v1/admin/members/{memberId}/messages", memberId)
                .json("{\"text\":\"hello\"}")).getStatusCode());
        refused("text", stack.as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/messages", memberId).json("{}")));
        refused("text", stack.as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/messages", memberId)
                .json("{\"text\":\"" + "x".repeat(281) + "\"}")));
        refused("text", stack.as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/messages", memberId)
                .json("{\"text\":\"a\\u0000b\"}")));
        assertEquals(400, stack.as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/messages", "bob")
                .json("{\"text\":\"hello\"}")).getStatusCode());
        assertEquals(404, stack.as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/messages", "m_0000ff")
                .json("{\"text\":\"hello\"}")).getStatusCode());
        assertEquals(before, stack.queued.size(), "nothing queued");
        assertFalse(auditTable().contains(memberId), "nothing audited");
    }
}
