package com.fanops.members.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.app.DirectoryProjector;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.Contact;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.RecordedEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The member list, its export and segments through the operators' API: roles, masking, bad input, audit. */
class MemberDirectoryRoutesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC);
    private static LocalDynamo dynamo;
    private static AdminMembersHandler admin;
    private static FieldCipher cipher;
    private static DirectoryProjector projector;
    private static final List<String> GOLD = new ArrayList<>();

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        InMemoryDataKeys keys = new InMemoryDataKeys();
        cipher = new FieldCipher(new Keyring(dynamo.client(), "ConfigTable", keys, CLOCK));
        admin = new AdminMembersHandler(dynamo.client(), "MembersTable", "ConfigTable", "AuditTable", "EventOutboxTable", keys,
                new RecordedEvents("com.fanops.members.domain"), CLOCK);
        projector = new DirectoryProjector(new MemberDirectoryStore(dynamo.client(), "MemberDirectoryTable", ZoneOffset.UTC),
                new MemberStore(dynamo.client(), "MembersTable"));
        for (int i = 0; i < 12; i++) {
            String id = join("fan" + i + "@example.com", i);
            if (i % 3 == 0) {
                projector.tierChanged(id, "bronze", "gold", 1L, LocalDate.of(2026, 11, 20));
                GOLD.add(id);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static String join(String email, int n) {
        String id = "m_" + UUID.randomUUID().toString().replace("-", "");
        Contact contact = Contact.email(email);
        Instant at = CLOCK.instant().minusSeconds(3600L * n);
        new MemberStore(dynamo.client(), "MembersTable").signUp(new MemberStore.NewMember(id, MemberStatus.ACTIVE, "store", "Wuhan", "zh-CN",
                        at, "email", cipher.blindIndex(contact.indexInput()), cipher.encrypt(id, "nickname", "=Fan " + n),
                        cipher.encrypt(id, "contact", contact.value()), null, null, null, null, "hash"),
                List.of(new ConsentEntry(id, Purpose.MEMBERSHIP, 1, true, at, 1, "store", "zh-CN", "proof", "form", "member", null)),
                null, List.of());
        projector.memberChanged(id);
        return id;
    }

    private static APIGatewayV2HTTPResponse as(String group, ApiEvents request) {
        return admin.handleRequest(request.operator(group + "@brand.cn", List.of(group)).build(), null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    @Test
    void theListShowsPersonalDataOnlyAsTheRoleAllows() throws Exception {
        var manager = as("manager", ApiEvents.request("GET", "/v1/admin/members").query("tier", "gold").query("limit", "2"));
        assertEquals(200, manager.getStatusCode(), manager.getBody());
        JsonNode page = body(manager);
        assertEquals(2, page.path("members").size());
        assertEquals(GOLD.get(0), page.at("/members/0/memberId").asText(), "newest first");
        assertEquals("gold", page.at("/members/0/tier").asText());
        assertTrue(page.at("/members/0/contact").asText().endsWith("@example.com"), "managers see the contact");
        var next = as("manager", ApiEvents.request("GET", "/v1/admin/members").query("tier", "gold").query("limit", "2")
                .query("cursor", page.path("next").asText()));
        List<String> ids = new ArrayList<>();
        page.path("members").forEach(m -> ids.add(m.path("memberId").asText()));
        body(next).path("members").forEach(m -> ids.add(m.path("memberId").asText()));
        assertEquals(GOLD, ids);
        assertFalse(body(next).has("next"), "no empty last page");

        String analyst = as("analyst", ApiEvents.request("GET", "/v1/admin/members")).getBody();
        assertFalse(analyst.contains("example.com") || analyst.contains("Fan "), analyst);
        assertTrue(body(as("analyst", ApiEvents.request("GET", "/v1/admin/members"))).path("members").size() == 12);
        JsonNode agent = body(as("agent", ApiEvents.request("GET", "/v1/admin/members").query("limit", "1")));
        assertEquals("f***m", agent.at("/members/0/contact").asText(), "agents see it masked");
        assertEquals(401, admin.handleRequest(ApiEvents.request("GET", "/v1/admin/members").build(), null).getStatusCode());
    }

    @Test
    void everyBadFilterIsA400NamingItsField() throws Exception {
        String[][] bad = {{"tier", "platinum"}, {"category", "x"}, {"channel", "fax"}, {"kind", "bot"}, {"joinedFrom", "2026-13-01"},
                {"dormant", "maybe"}, {"scoreMin", "-3"}, {"scoreMax", "NaN"}, {"sort", "nickname"}, {"limit", "0"}, {"cursor", "%%"},
                {"cursor", "eyJhIjoiMSJ9"}, {"status", "sleeping"}};
        for (String[] b : bad) {
            var answer = as("manager", ApiEvents.request("GET", "/v1/admin/members").query(b[0], b[1]));
            assertEquals(400, answer.getStatusCode(), b[0] + "=" + b[1] + ": " + answer.getBody());
            assertEquals("application/problem+json", answer.getHeaders().get("content-type"));
            assertTrue(answer.getBody().contains("\"" + b[0] + "\""), answer.getBody());
        }
        var export = as("analyst", ApiEvents.request("GET", "/v1/admin/members/export"));
        assertEquals(400, export.getStatusCode());
        assertTrue(export.getBody().contains("purpose"));
        assertEquals(400, as("analyst", ApiEvents.request("GET", "/v1/admin/members/export").query("purpose", "fun")).getStatusCode());
    }

    @Test
    void anAnalystsExportHoldsNoContactAndRecordsItsPurpose() throws Exception {
        var file = as("analyst", ApiEvents.request("GET", "/v1/admin/members/export").query("purpose", "analysis").query("tier", "gold"));
        assertEquals(200, file.getStatusCode(), file.getBody());
        assertTrue(file.getHeaders().get("content-type").startsWith("text/csv"));
        String csv = file.getBody();
        assertTrue(csv.startsWith("\uFEFFmemberId,status,kind,channel,joinedAt,tier,category,score"), csv);
        assertFalse(csv.contains("example.com") || csv.contains("Fan ") || csv.contains("contact"), csv);
        assertEquals(GOLD.size() + 1, csv.split("\r\n").length, "a header and one line per gold member");
        assertEquals(String.valueOf(GOLD.size()), file.getHeaders().get("x-export-rows"));
        assertEquals("false", file.getHeaders().get("x-export-truncated"));
        String audit = dynamo.client().scan(b -> b.tableName("AuditTable")).items().toString();
        assertTrue(audit.contains("members.export") && audit.contains("purpose=analysis rows=" + GOLD.size()), audit);

        String managers = as("manager", ApiEvents.request("GET", "/v1/admin/members/export").query("purpose", "campaign")).getBody();
        assertTrue(managers.contains("'=Fan 1"), "a nickname a spreadsheet would run is written as text");
        assertFalse(managers.contains("@example.com"), "no plaintext contact in any file");
        assertTrue(managers.contains("f***m"));
    }

    @Test
    void managersSaveSegmentsAndAnalystsCountThem() throws Exception {
        var refused = as("analyst", ApiEvents.request("POST", "/v1/admin/segments").json("{\"name\":\"Gold\",\"filter\":{\"tier\":\"gold\"}}"));
        assertEquals(403, refused.getStatusCode());
        var created = as("manager", ApiEvents.request("POST", "/v1/admin/segments").json("{\"name\":\"Gold\",\"filter\":{\"tier\":\"gold\"}}"));
        assertEquals(201, created.getStatusCode(), created.getBody());
        String id = body(created).path("id").asText();
        var count = as("analyst", ApiEvents.request("GET", "/v1/admin/segments/{segmentId}/count", id));
        assertEquals(GOLD.size(), body(count).path("count").asInt(), count.getBody());
        assertTrue(body(as("analyst", ApiEvents.request("GET", "/v1/admin/segments"))).toString().contains("\"Gold\""));

        assertEquals(400, as("manager", ApiEvents.request("PUT", "/v1/admin/segments/{segmentId}", id)
                .json("{\"name\":\"Gold\",\"filter\":{}}")).getStatusCode(), "basedOn is required");
        assertEquals(400, as("manager", ApiEvents.request("POST", "/v1/admin/segments")
                .json("{\"name\":\"x\",\"filter\":{\"tier\":\"tin\"}}")).getStatusCode());
        assertEquals(400, as("manager", ApiEvents.request("POST", "/v1/admin/segments")
                .json("{\"name\":\"\",\"filter\":{}}")).getStatusCode());
        var changed = as("manager", ApiEvents.request("PUT", "/v1/admin/segments/{segmentId}", id)
                .json("{\"basedOn\":1,\"name\":\"Gold in store\",\"filter\":{\"tier\":\"gold\",\"channel\":\"store\"}}"));
        assertEquals(200, changed.getStatusCode(), changed.getBody());
        assertEquals(409, as("admin", ApiEvents.request("PUT", "/v1/admin/segments/{segmentId}", id)
                .json("{\"basedOn\":1,\"name\":\"Late\",\"filter\":{}}")).getStatusCode());
        assertEquals(400, as("manager", ApiEvents.request("GET", "/v1/admin/segments/{segmentId}/count", "nope")).getStatusCode());
        assertEquals(404, as("manager", ApiEvents.request("GET", "/v1/admin/segments/{segmentId}/count", "seg_000000000000")).getStatusCode());
        assertEquals(403, as("analyst", ApiEvents.request("DELETE", "/v1/admin/segments/{segmentId}", id)).getStatusCode());
        assertEquals(204, as("admin", ApiEvents.request("DELETE", "/v1/admin/segments/{segmentId}", id)).getStatusCode());
        assertEquals(404, as("manager", ApiEvents.request("GET", "/v1/admin/segments/{segmentId}", id)).getStatusCode());
        String audit = dynamo.client().scan(b -> b.tableName("AuditTable")).items().toString();
        assertTrue(audit.contains("segments.create") && audit.contains("segments.delete"));
        assertFalse(audit.contains("Gold in store"), "segment names are operators' words: not in the audit");
    }
}
