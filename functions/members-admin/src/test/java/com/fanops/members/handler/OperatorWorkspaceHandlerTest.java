package com.fanops.members.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.RecordedEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Notice drafts with the publish's reach, and requests an operator files on a member's behalf (issue 15). */
class OperatorWorkspaceHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"), ZoneOffset.UTC);
    private static LocalDynamo dynamo;
    private static AdminMembersHandler admin;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        admin = new AdminMembersHandler(dynamo.client(), "MembersTable", "ConfigTable", "AuditTable", "EventOutboxTable",
                new InMemoryDataKeys(), new RecordedEvents("com.fanops.members.domain"), CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    /** A member granting membership (v1) and, when asked, marketing (v1). */
    private static String join(boolean marketing) {
        String id = "m_" + UUID.randomUUID().toString().replace("-", "");
        Instant at = CLOCK.instant();
        List<ConsentEntry> ledger = new java.util.ArrayList<>(List.of(
                new ConsentEntry(id, Purpose.MEMBERSHIP, 1, true, at, 1, "web", "en", "proof", "form", "member", null)));
        if (marketing) {
            ledger.add(new ConsentEntry(id, Purpose.MARKETING, 1, true, at, 1, "web", "en", "proof", "form", "member", null));
        }
        new MemberStore(dynamo.client(), "MembersTable").signUp(new MemberStore.NewMember(id, MemberStatus.ACTIVE, "web", "Wuhan", "en", at,
                "email", "idx-" + id, "n", "c", null, null, null, null, "hash"), ledger, null, List.of());
        return id;
    }

    private static APIGatewayV2HTTPResponse as(String group, ApiEvents request) {
        return admin.handleRequest(request.operator(group + "@brand.cn", List.of(group)).build(), null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    private static String audit() {
        return dynamo.client().scan(b -> b.tableName("AuditTable")).items().toString();
    }

    private static int configItems() {
        return dynamo.client().scan(b -> b.tableName("ConfigTable")).count();
    }

    @Test
    void aDraftIsKeptUntilDiscardedAndShowsHowManyMembersPublishingWouldAskAgain() throws Exception {
        var before = body(as("admin", ApiEvents.request("GET", "/v1/admin/notices/{purpose}/draft", "marketing")));
        long asked = before.path("askedAgain").asLong();
        join(true);
        join(true);
        join(false);
        var read = as("admin", ApiEvents.request("GET", "/v1/admin/notices/{purpose}/draft", "marketing"));
        assertEquals(200, read.getStatusCode(), read.getBody());
        assertEquals(asked + 2, body(read).path("askedAgain").asLong(), "two more members hold a marketing grant");
        assertFalse(body(read).hasNonNull("draft"));

        var saved = as("admin", ApiEvents.request("PUT", "/v1/admin/notices/{purpose}/draft", "marketing")
                .json("{\"texts\":{\"zh-CN\":\"营销信息（第二版）\",\"en\":\"Marketing, second edition\"}}"));
        assertEquals(200, saved.getStatusCode(), saved.getBody());
        JsonNode draft = body(as("admin", ApiEvents.request("GET", "/v1/admin/notices/{purpose}/draft", "marketing"))).path("draft");
        assertEquals("Marketing, second edition", draft.at("/texts/en").asText());
        assertEquals(1, draft.path("basedOn").asInt());
        assertEquals("admin@brand.cn", draft.path("savedBy").asText());

        var history = as("admin", ApiEvents.request("GET", "/v1/admin/notices/{purpose}/history", "marketing"));
        assertEquals(200, history.getStatusCode(), history.getBody());
        assertEquals(1, body(history).path("items").get(0).path("version").asInt());
        assertEquals(403, as("manager", ApiEvents.request("GET", "/v1/admin/notices/{purpose}/history", "marketing")).getStatusCode());
        assertEquals(400, as("admin", ApiEvents.request("GET", "/v1/admin/notices/{purpose}/history", "cookies")).getStatusCode());
        assertEquals(204, as("admin", ApiEvents.request("DELETE", "/v1/admin/notices/{purpose}/draft", "marketing")).getStatusCode());
        assertFalse(body(as("admin", ApiEvents.request("GET", "/v1/admin/notices/{purpose}/draft", "marketing"))).hasNonNull("draft"));
        String audit = audit();
        assertTrue(audit.contains("notices.draft.save") && audit.contains("notices.draft.discard"), audit);
        assertFalse(audit.contains("second edition"), "no notice text in the audit");
    }

    @Test
    void onlyAdminsTouchDraftsAndBadDraftsAreRefusedNamingTheFieldWritingNothing() throws Exception {
        for (String role : List.of("manager", "agent", "analyst")) {
            assertEquals(403, as(role, ApiEvents.request("GET", "/v1/admin/notices/{purpose}/draft", "marketing")).getStatusCode());
            assertEquals(403, as(role, ApiEvents.request("PUT", "/v1/admin/notices/{purpose}/draft", "marketing")
                    .json("{\"texts\":{\"zh-CN\":\"a\",\"en\":\"b\"}}")).getStatusCode());
            assertEquals(403, as(role, ApiEvents.request("DELETE", "/v1/admin/notices/{purpose}/draft", "marketing")).getStatusCode());
        }
        as("admin", ApiEvents.request("GET", "/v1/admin/notices/{purpose}/draft", "personalisation")); // seeds the notices
        int items = configItems();
        var unknown = as("admin", ApiEvents.request("PUT", "/v1/admin/notices/{purpose}/draft", "cookies")
                .json("{\"texts\":{\"zh-CN\":\"a\",\"en\":\"b\"}}"));
        assertEquals(400, unknown.getStatusCode());
        assertTrue(unknown.getBody().contains("purpose"), unknown.getBody());
        var oneLocale = as("admin", ApiEvents.request("PUT", "/v1/admin/notices/{purpose}/draft", "personalisation")
                .json("{\"texts\":{\"en\":\"b\"}}"));
        assertEquals(400, oneLocale.getStatusCode());
        assertTrue(oneLocale.getBody().contains("texts"), oneLocale.getBody());
        var blank = as("admin", ApiEvents.request("PUT", "/v1/admin/notices/{purpose}/draft", "personalisation")
                .json("{\"texts\":{\"zh-CN\":\"  \",\"en\":\"b\"}}"));
        assertEquals(400, blank.getStatusCode());
        assertTrue(blank.getBody().contains("texts.zh-CN"), blank.getBody());
        assertEquals(400, as("admin", ApiEvents.request("PUT", "/v1/admin/notices/{purpose}/draft", "personalisation")
                .json("[1]")).getStatusCode());
        assertEquals(items, configItems(), "nothing written");
    }

    @Test
    void anOperatorFilesAnErasureAsTheMemberWouldMergedWithAnOpenOneAndAudited() throws Exception {
        String id = join(false);
        assertEquals(403, as("agent", ApiEvents.request("POST", "/v1/admin/members/{memberId}/requests", id)
                .json("{\"type\":\"erasure\",\"reason\":\"asked by phone\"}")).getStatusCode());
        assertEquals(403, as("analyst", ApiEvents.request("POST", "/v1/admin/members/{memberId}/requests", id)
                .json("{\"type\":\"erasure\",\"reason\":\"asked by phone\"}")).getStatusCode());
        var noReason = as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/requests", id).json("{\"type\":\"erasure\"}"));
        assertEquals(400, noReason.getStatusCode());
        assertTrue(noReason.getBody().contains("reason"), noReason.getBody());
        var correction = as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/requests", id)
                .json("{\"type\":\"correction\",\"reason\":\"asked by phone\"}"));
        assertEquals(400, correction.getStatusCode());
        assertTrue(correction.getBody().contains("type"), correction.getBody());
        assertEquals(404, as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/requests", "m_00ff")
                .json("{\"type\":\"erasure\",\"reason\":\"asked by phone\"}")).getStatusCode());
        assertFalse(dynamo.client().scan(b -> b.tableName("MembersTable")).items().toString().contains("DSR#" + id),
                "nothing filed by refused requests");

        var filed = as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/requests", id)
                .json("{\"type\":\"erasure\",\"reason\":\"asked by phone\"}"));
        assertEquals(202, filed.getStatusCode(), filed.getBody());
        String requestId = body(filed).path("requestId").asText();
        assertEquals("2026-12-16T02:00:00Z", body(filed).path("deadline").asText(), "the members' 15 days");
        var again = as("admin", ApiEvents.request("POST", "/v1/admin/members/{memberId}/requests", id)
                .json("{\"type\":\"erasure\",\"reason\":\"asked again in the store\"}"));
        assertEquals(requestId, body(again).path("requestId").asText(), "merged with the open erasure");
        JsonNode queue = body(as("manager", ApiEvents.request("GET", "/v1/admin/requests")));
        assertEquals(1, queue.findValuesAsText("requestId").stream().filter(requestId::equals).count());
        String audit = audit();
        assertTrue(audit.contains("members.request.file.erasure") && audit.contains("manager@brand.cn") && audit.contains(requestId), audit);

        var export = as("admin", ApiEvents.request("POST", "/v1/admin/members/{memberId}/requests", id)
                .json("{\"type\":\"export\",\"reason\":\"asked at the event desk\"}"));
        assertEquals(202, export.getStatusCode(), export.getBody());
        assertEquals("completed", body(export).path("status").asText(), "an export is answered at once, as the member's own");
    }
}
