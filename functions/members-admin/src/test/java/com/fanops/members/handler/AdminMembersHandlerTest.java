package com.fanops.members.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.platform.json.Json;
import com.fanops.members.domain.MemberErased;
import com.fanops.members.domain.NoticePublished;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operators' member API over the same tables and keys as the public sign-up. */
class AdminMembersHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC);
    private static final com.fanops.testing.RecordedEvents BUS = new com.fanops.testing.RecordedEvents("com.fanops.members.domain");
    private static final List<Object> EVENTS = BUS.all();
    private static LocalDynamo dynamo;
    private static AdminMembersHandler admin;
    private static com.fanops.platform.crypto.FieldCipher cipher;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        InMemoryDataKeys keys = new InMemoryDataKeys();
        cipher = new com.fanops.platform.crypto.FieldCipher(new com.fanops.platform.crypto.Keyring(dynamo.client(), "ConfigTable", keys, CLOCK));
        admin = new AdminMembersHandler(dynamo.client(), "MembersTable", "ConfigTable", "AuditTable", "EventOutboxTable", keys, BUS, CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    /** A member as the public sign-up writes one (same stores, same keys). */
    private static String join(String email) {
        return join(email, "active");
    }

    private static String join(String email, String status) {
        String id = "m_" + java.util.UUID.randomUUID().toString().replace("-", "");
        var contact = com.fanops.members.domain.Contact.email(email);
        Instant at = CLOCK.instant();
        new com.fanops.members.store.MemberStore(dynamo.client(), "MembersTable").signUp(new com.fanops.members.store.MemberStore.NewMember(id,
                com.fanops.members.domain.MemberStatus.parse(status), "store", "Wuhan", "zh-CN", at, "email", cipher.blindIndex(contact.indexInput()),
                cipher.encrypt(id, "nickname", "Zhou Xun"), cipher.encrypt(id, "contact", contact.value()), null, null, null, null, "hash"),
                List.of(new com.fanops.members.domain.ConsentEntry(id, com.fanops.members.domain.Purpose.MEMBERSHIP, 1, true, at, 1, "store", "zh-CN",
                        "proof", "form", "member", null),
                        new com.fanops.members.domain.ConsentEntry(id, com.fanops.members.domain.Purpose.MARKETING, 1, true, at, 1, "store", "zh-CN",
                                "proof", "form", "member", null)), null, List.of());
        return id;
    }

    private static APIGatewayV2HTTPResponse as(String group, ApiEvents request) {
        return admin.handleRequest(request.operator(group + "@brand.cn", List.of(group)).build(), null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    @Test
    void managersFindByContactThroughTheBlindIndexAndAnalystsSeeNoPersonalData() throws Exception {
        String id = join("zhou.xun@example.com");
        var found = as("manager", ApiEvents.request("GET", "/v1/admin/members").query("contact", " ZHOU.XUN@example.com"));
        assertEquals(200, found.getStatusCode(), found.getBody());
        assertEquals(id, body(found).at("/members/0/memberId").asText());
        assertEquals("zhou.xun@example.com", body(found).at("/members/0/contact").asText());

        var analyst = as("analyst", ApiEvents.request("GET", "/v1/admin/members/{memberId}", id));
        assertEquals(200, analyst.getStatusCode());
        assertFalse(analyst.getBody().contains("zhou") || analyst.getBody().contains("Zhou"), analyst.getBody());
        assertEquals(403, as("analyst", ApiEvents.request("GET", "/v1/admin/members").query("contact", "zhou.xun@example.com")).getStatusCode());

        var agent = as("agent", ApiEvents.request("GET", "/v1/admin/members/{memberId}", id));
        assertEquals("z***m", body(agent).path("contact").asText(), "agents see the contact masked");
        assertTrue(body(agent).path("consentLedger").size() >= 2);
    }

    @Test
    void statusChangesNeedAReasonKeepHistoryAndAreAudited() throws Exception {
        String id = join("warned@example.com");
        assertEquals(400, as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/status", id)
                .json("{\"action\":\"mute\"}")).getStatusCode());
        assertEquals(403, as("agent", ApiEvents.request("POST", "/v1/admin/members/{memberId}/status", id)
                .json("{\"action\":\"mute\",\"reason\":\"spam\"}")).getStatusCode());
        var muted = as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/status", id)
                .json("{\"action\":\"mute\",\"reason\":\"spam in the group\",\"evidence\":\"msg-123\"}"));
        assertEquals(200, muted.getStatusCode(), muted.getBody());
        JsonNode detail = body(as("manager", ApiEvents.request("GET", "/v1/admin/members/{memberId}", id)));
        assertEquals("muted", detail.path("status").asText());
        assertEquals(2, detail.path("statusHistory").size(), "sign-up and mute are both history");
        assertEquals("msg-123", detail.at("/statusHistory/1/evidence").asText());
        String audit = dynamo.client().scan(b -> b.tableName("AuditTable")).items().toString();
        assertTrue(audit.contains("members.status.mute") && audit.contains(id));
    }

    @Test
    void erasureOnRequestLeavesNoPersonalDataAndTheContactCanJoinAgain() throws Exception {
        String id = join("erase.me@example.com");
        var filed = com.fanops.members.domain.DataRequest.file(id, com.fanops.members.domain.DataRequest.Type.ERASURE, CLOCK.instant(),
                java.time.Duration.ofDays(15), null);
        new com.fanops.members.store.DataRequestStore(dynamo.client(), "MembersTable").save(filed, null);
        String requestId = filed.requestId();

        var queue = as("manager", ApiEvents.request("GET", "/v1/admin/requests"));
        assertTrue(queue.getBody().contains(requestId));
        assertEquals(400, as("manager", ApiEvents.request("POST", "/v1/admin/requests/{requestId}", requestId)
                .json("{\"decision\":\"refuse\"}")).getStatusCode(), "a refusal needs a reason");
        var done = as("admin", ApiEvents.request("POST", "/v1/admin/requests/{requestId}", requestId).json("{\"decision\":\"complete\"}"));
        assertEquals(200, done.getStatusCode(), done.getBody());

        String everything = dynamo.client().scan(b -> b.tableName("MembersTable")).items().toString();
        for (String field : List.of("nicknameEnc", "contactEnc")) {
            assertFalse(dynamo.client().getItem(b -> b.tableName("MembersTable").key(java.util.Map.of(
                    "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("MEMBER#" + id),
                    "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PROFILE")))).item().containsKey(field));
        }
        assertTrue(everything.contains("CONSENT#"), "the consent proof stays");
        assertTrue(EVENTS.stream().anyMatch(e -> e instanceof MemberErased erased && erased.memberId().equals(id)));
        assertEquals(0, body(as("manager", ApiEvents.request("GET", "/v1/admin/members").query("contact", "erase.me@example.com")))
                .path("members").size(), "a lookup by the old contact finds nothing");
        join("erase.me@example.com");
    }

    @Test
    void aCompletedCorrectionChangesTheFieldsAndARefusalKeepsItsReason() throws Exception {
        String id = join("correct.me@example.com");
        var store = new com.fanops.members.store.DataRequestStore(dynamo.client(), "MembersTable");
        var correction = com.fanops.members.domain.DataRequest.file(id, com.fanops.members.domain.DataRequest.Type.CORRECTION, CLOCK.instant(),
                java.time.Duration.ofDays(15), cipher.encrypt(id, "corrections", "{\"nickname\":\"Zhou Xin\",\"region\":\"Xiamen\"}"));
        store.save(correction, null);
        assertEquals(200, as("manager", ApiEvents.request("POST", "/v1/admin/requests/{requestId}", correction.requestId())
                .json("{\"decision\":\"complete\"}")).getStatusCode());
        JsonNode member = body(as("manager", ApiEvents.request("GET", "/v1/admin/members/{memberId}", id)));
        assertEquals("Zhou Xin", member.path("nickname").asText());
        assertEquals("Xiamen", member.path("region").asText());
        assertEquals(409, as("manager", ApiEvents.request("POST", "/v1/admin/requests/{requestId}", correction.requestId())
                .json("{\"decision\":\"complete\"}")).getStatusCode(), "decided once");

        var erasure = com.fanops.members.domain.DataRequest.file(id, com.fanops.members.domain.DataRequest.Type.ERASURE, CLOCK.instant(),
                java.time.Duration.ofDays(15), null);
        store.save(erasure, null);
        var refused = as("admin", ApiEvents.request("POST", "/v1/admin/requests/{requestId}", erasure.requestId())
                .json("{\"decision\":\"refuse\",\"reason\":\"open complaint under legal hold\"}"));
        assertEquals("REFUSED", body(refused).path("status").asText());
        assertEquals("open complaint under legal hold", body(refused).path("reason").asText());
        assertEquals("active", body(as("manager", ApiEvents.request("GET", "/v1/admin/members/{memberId}", id))).path("status").asText());
    }

    @Test
    void importTakesGoodRowsReportsBadOnesByLineAndReRunsCreateNothing() throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            jsonl.append("{\"nickname\":\"Fan ").append(i).append("\",\"email\":\"fan").append(i)
                    .append("@old-crm.cn\",\"region\":\"Guangzhou\",\"channel\":\"wechat\",\"joinedAt\":\"2024-03-0")
                    .append(1 + i % 9).append("T08:00:00Z\",\"evidence\":\"crm-export-2024#").append(i)
                    .append("\",\"consents\":[{\"purpose\":\"membership\",\"noticeVersion\":1,\"at\":\"2024-03-01T08:00:00Z\"}]}\n");
        }
        jsonl.append("{\"nickname\":\"No Contact\",\"region\":\"x\",\"joinedAt\":\"2024-01-01T00:00:00Z\",\"evidence\":\"e\",\"consents\":[]}\n");
        jsonl.append("not json at all\n");
        var first = as("manager", ApiEvents.request("POST", "/v1/admin/members/import").header("content-type", "application/x-ndjson")
                .json(jsonl.toString()).header("content-type", "application/x-ndjson"));
        assertEquals(200, first.getStatusCode(), first.getBody());
        JsonNode result = body(first);
        assertEquals(300, result.path("created").asInt());
        assertEquals(2, result.path("rejected").asInt());
        assertTrue(result.path("rows").toString().contains("\"line\":301,\"status\":\"rejected\",\"reason\":\"give exactly one of email or phone\""),
                result.path("rows").get(300).toString());
        var again = body(as("manager", ApiEvents.request("POST", "/v1/admin/members/import").json(jsonl.toString())
                .header("content-type", "application/x-ndjson")));
        assertEquals(0, again.path("created").asInt());
        assertEquals(300, again.path("duplicate").asInt());

        String csv = "nickname,email,phone,region,channel,joinedAt,evidence,membership_version,membership_at,marketing_version,marketing_at\n"
                + "Csv Fan,,13700137000,Nanjing,store,2023-05-01T00:00:00Z,paper-form-88,1,2023-05-01T00:00:00Z,1,2023-05-01T00:00:00Z\n"
                + "Bad Fan,bad,,Nanjing,store,2023-05-01T00:00:00Z,paper-form-89,1,2023-05-01T00:00:00Z,,\n";
        JsonNode fromCsv = body(as("admin", ApiEvents.request("POST", "/v1/admin/members/import").json(csv).header("content-type", "text/csv")));
        assertEquals(1, fromCsv.path("created").asInt());
        assertEquals("email is not valid", fromCsv.at("/rows/1/reason").asText());
        String id = fromCsv.at("/rows/0/memberId").asText();
        JsonNode member = body(as("manager", ApiEvents.request("GET", "/v1/admin/members/{memberId}", id)));
        assertEquals("2023-05-01T00:00:00Z", member.path("joinedAt").asText(), "the original join date");
        assertTrue(member.path("consentLedger").toString().contains("\"source\":\"import\""));
        assertEquals(403, as("agent", ApiEvents.request("POST", "/v1/admin/members/import").json(csv).header("content-type", "text/csv"))
                .getStatusCode());
    }

    @Test
    void importedMembersAreAnnouncedOnceWithTheirHistoricalJoinAndKind() throws Exception {
        String consent = ",\"evidence\":\"crm#k\",\"consents\":[{\"purpose\":\"membership\",\"noticeVersion\":1,\"at\":\"2024-03-01T08:00:00Z\"}]}\n";
        String jsonl = "{\"nickname\":\"Kind Fan\",\"email\":\"kind.fan@old-crm.cn\",\"region\":\"Xi'an\",\"joinedAt\":\"2024-03-01T17:30:00Z\"" + consent
                + "{\"nickname\":\"Shop Staff\",\"email\":\"staff@brand.cn\",\"region\":\"Xi'an\",\"joinedAt\":\"2024-04-01T00:00:00Z\",\"kind\":\"staff\"" + consent
                + "{\"nickname\":\"QA Bot\",\"phone\":\"13800138999\",\"region\":\"Xi'an\",\"joinedAt\":\"2024-05-01T00:00:00Z\",\"kind\":\"test\"" + consent
                + "{\"nickname\":\"Intern\",\"email\":\"intern@brand.cn\",\"region\":\"Xi'an\",\"joinedAt\":\"2024-05-01T00:00:00Z\",\"kind\":\"intern\"" + consent
                + "{\"nickname\":\"Typed\",\"email\":\"typed@brand.cn\",\"region\":\"Xi'an\",\"joinedAt\":\"2024-05-01T00:00:00Z\",\"kind\":7" + consent;
        long joinsBefore = EVENTS.stream().filter(e -> e instanceof com.fanops.members.domain.MemberJoined).count();
        JsonNode result = body(as("manager", ApiEvents.request("POST", "/v1/admin/members/import").json(jsonl)
                .header("content-type", "application/x-ndjson")));
        assertEquals(3, result.path("created").asInt(), result.toString());
        assertEquals("kind must be member, staff or test", result.at("/rows/3/reason").asText());
        assertTrue(result.at("/rows/4/reason").asText().startsWith("not a valid JSON row: kind: "), result.at("/rows/4").toString());
        List<String> ids = List.of(result.at("/rows/0/memberId").asText(), result.at("/rows/1/memberId").asText(),
                result.at("/rows/2/memberId").asText());
        List<com.fanops.members.domain.MemberJoined> joined = EVENTS.stream().filter(e -> e instanceof com.fanops.members.domain.MemberJoined)
                .map(e -> (com.fanops.members.domain.MemberJoined) e).filter(j -> ids.contains(j.memberId())).toList();
        assertEquals(3, joined.size(), "one MemberJoined per created member");
        com.fanops.members.domain.MemberJoined first = joined.stream().filter(j -> j.memberId().equals(ids.get(0))).findFirst().orElseThrow();
        assertEquals(Instant.parse("2024-03-01T17:30:00Z"), first.joinedAt(), "the historical join time, not the import's");
        assertTrue(joined.stream().allMatch(com.fanops.members.domain.MemberJoined::imported));
        assertEquals(List.of("member", "staff", "test"), ids.stream().map(id -> joined.stream().filter(j -> j.memberId().equals(id))
                .findFirst().orElseThrow().kind()).toList());
        assertEquals("staff", body(as("analyst", ApiEvents.request("GET", "/v1/admin/members/{memberId}", ids.get(1)))).path("kind").asText(),
                "the member record says the kind (not personal data)");
        assertEquals(0, dynamo.client().scan(b -> b.tableName("EventOutboxTable")).count(), "published and cleared");

        JsonNode again = body(as("manager", ApiEvents.request("POST", "/v1/admin/members/import").json(jsonl)
                .header("content-type", "application/x-ndjson")));
        assertEquals(3, again.path("duplicate").asInt());
        assertEquals(2, again.path("rejected").asInt());
        assertEquals(joinsBefore + 3, EVENTS.stream().filter(e -> e instanceof com.fanops.members.domain.MemberJoined).count(),
                "a re-run announces nothing again");

        String csv = "nickname,email,phone,region,channel,joinedAt,evidence,membership_version,membership_at,kind\n"
                + "Csv Tester,csv.tester@brand.cn,,Nanjing,store,2023-05-01T00:00:00Z,paper-1,1,2023-05-01T00:00:00Z,test\n"
                + "Csv Fan,csv.kindless@example.com,,Nanjing,store,2023-05-01T00:00:00Z,paper-2,1,2023-05-01T00:00:00Z,\n"
                + "Csv Boss,csv.boss@brand.cn,,Nanjing,store,2023-05-01T00:00:00Z,paper-3,1,2023-05-01T00:00:00Z,boss\n";
        JsonNode fromCsv = body(as("admin", ApiEvents.request("POST", "/v1/admin/members/import").json(csv).header("content-type", "text/csv")));
        assertEquals(2, fromCsv.path("created").asInt(), fromCsv.toString());
        assertEquals("kind must be member, staff or test", fromCsv.at("/rows/2/reason").asText());
        assertEquals("test", body(as("manager", ApiEvents.request("GET", "/v1/admin/members/{memberId}", fromCsv.at("/rows/0/memberId").asText())))
                .path("kind").asText());
        assertEquals("member", body(as("manager", ApiEvents.request("GET", "/v1/admin/members/{memberId}", fromCsv.at("/rows/1/memberId").asText())))
                .path("kind").asText(), "an empty kind is a member");
    }

    @Test
    void pendingMembersAreApprovedOrRejectedAndApprovalAnnouncesTheJoin() throws Exception {
        String waiting = join("waiting@example.com", "pending");
        assertEquals(409, as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/status", waiting)
                .json("{\"action\":\"warn\",\"reason\":\"x\"}")).getStatusCode(), "approve or reject first");
        assertEquals(200, as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/status", waiting)
                .json("{\"action\":\"approve\",\"reason\":\"verified at the store\"}")).getStatusCode());
        assertTrue(EVENTS.stream().anyMatch(e -> e instanceof com.fanops.members.domain.MemberJoined j && j.memberId().equals(waiting)));
        String refused = join("refused@example.com", "pending");
        assertEquals(200, as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/status", refused)
                .json("{\"action\":\"reject\",\"reason\":\"not a customer\"}")).getStatusCode());
        assertEquals(409, as("manager", ApiEvents.request("POST", "/v1/admin/members/{memberId}/status", refused)
                .json("{\"action\":\"restore\",\"reason\":\"oops\"}")).getStatusCode(), "rejection ends it");

        assertEquals(403, as("manager", ApiEvents.request("PUT", "/v1/admin/settings/members").json("{\"admission\":\"review\"}"))
                .getStatusCode());
        assertEquals(400, as("admin", ApiEvents.request("PUT", "/v1/admin/settings/members").json("{\"basedOn\":0,\"admission\":\"maybe\"}"))
                .getStatusCode());
        assertEquals(400, as("admin", ApiEvents.request("PUT", "/v1/admin/settings/members").json("{\"admission\":\"review\"}"))
                .getStatusCode(), "no basedOn: refused, not last write wins");
        assertEquals(200, as("admin", ApiEvents.request("PUT", "/v1/admin/settings/members").json("{\"basedOn\":0,\"admission\":\"review\"}"))
                .getStatusCode());
        var stale = as("admin", ApiEvents.request("PUT", "/v1/admin/settings/members").json("{\"basedOn\":0,\"admission\":\"auto\"}"));
        assertEquals(409, stale.getStatusCode(), "edited from version 0 while version 1 is in force");
        assertEquals("https://fanops.dev/problems/stale-settings", body(stale).path("type").asText());
        assertEquals(200, as("admin", ApiEvents.request("PUT", "/v1/admin/settings/members").json("{\"basedOn\":1,\"admission\":\"auto\"}"))
                .getStatusCode());
        JsonNode history = body(as("manager", ApiEvents.request("GET", "/v1/admin/settings/members")));
        assertEquals("auto", history.at("/current/admission").asText());
        assertEquals(2, history.path("history").size(), "every change is a version with its author");
        assertEquals("admin@brand.cn", history.at("/history/1/changedBy").asText());
    }

    @Test
    void onlyAdminsPublishNoticesAndPublishingAnnouncesIt() throws Exception {
        String draft = "{\"purpose\":\"marketing\",\"texts\":{\"zh-CN\":\"新版营销告知\",\"en\":\"New marketing notice\"}}";
        assertEquals(403, as("manager", ApiEvents.request("POST", "/v1/admin/notices").json(draft)).getStatusCode());
        assertEquals(400, as("admin", ApiEvents.request("POST", "/v1/admin/notices")
                .json("{\"purpose\":\"marketing\",\"texts\":{\"en\":\"only english\"}}")).getStatusCode());
        var published = as("admin", ApiEvents.request("POST", "/v1/admin/notices").json(draft));
        assertEquals(201, published.getStatusCode(), published.getBody());
        int version = body(published).path("version").asInt();
        assertTrue(EVENTS.stream().anyMatch(e -> e instanceof NoticePublished n && n.purpose().equals("marketing") && n.version() == version));
    }
}
