package com.fanops.members.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.Contact;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.json.Json;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.RecordedEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The members admin routes under the input contract: 400s naming the field or parameter, and no table touched. */
class AdminMembersInputTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC);
    private static final List<String> TABLES = List.of("MembersTable", "ConfigTable", "EventOutboxTable");
    private static LocalDynamo dynamo;
    private static AdminMembersHandler admin;
    private static String memberId;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        InMemoryDataKeys keys = new InMemoryDataKeys();
        FieldCipher cipher = new FieldCipher(new Keyring(dynamo.client(), "ConfigTable", keys, CLOCK));
        admin = new AdminMembersHandler(dynamo.client(), "MembersTable", "ConfigTable", "AuditTable", "EventOutboxTable", keys,
                new RecordedEvents("com.fanops.members.domain"), CLOCK);
        memberId = "m_0123456789abcdef0123456789abcdef";
        Contact contact = Contact.email("zhou@example.cn");
        new MemberStore(dynamo.client(), "MembersTable").signUp(new MemberStore.NewMember(memberId, MemberStatus.ACTIVE, "store", "Wuhan",
                "zh-CN", CLOCK.instant(), "email", cipher.blindIndex(contact.indexInput()), cipher.encrypt(memberId, "nickname", "Zhou"),
                cipher.encrypt(memberId, "contact", contact.value()), null, null, null, null, "hash"),
                List.of(new ConsentEntry(memberId, Purpose.MEMBERSHIP, 1, true, CLOCK.instant(), 1, "store", "zh-CN", "proof", "form",
                        "member", null)), null, List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static APIGatewayV2HTTPResponse call(ApiEvents request) {
        return admin.handleRequest(request.operator("admin@brand.cn", List.of("admin")).build(), null);
    }

    private static List<Integer> counts() {
        return TABLES.stream().map(t -> dynamo.client().scan(b -> b.tableName(t).select("COUNT")).count()).toList();
    }

    private static void refused(String field, APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals(400, response.getStatusCode(), field + ": " + response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        String errors = Json.mapper().readTree(response.getBody()).path("errors").toString();
        assertTrue(errors.contains("\"field\":\"" + field + "\""), "expected " + field + " in " + errors);
    }

    @Test
    void operatorTextsPassTheHygieneAndWriteNothingWhenRefused() throws Exception {
        List<Integer> before = counts();
        String status = "/v1/admin/members/{memberId}/status";
        refused("reason", call(ApiEvents.request("POST", status, memberId).json("{\"action\":\"warn\",\"reason\":\"spam\\u0000\"}")));
        refused("reason", call(ApiEvents.request("POST", status, memberId).json("{\"action\":\"warn\",\"reason\":\"\\u200b\"}")));
        refused("reason", call(ApiEvents.request("POST", status, memberId).json("{\"action\":\"warn\",\"reason\":\"" + "r".repeat(501) + "\"}")));
        refused("evidence", call(ApiEvents.request("POST", status, memberId)
                .json("{\"action\":\"warn\",\"reason\":\"spam\",\"evidence\":\"\\u202elink\"}")));
        refused("evidence", call(ApiEvents.request("POST", status, memberId)
                .json("{\"action\":\"warn\",\"reason\":\"spam\",\"evidence\":\"" + "e".repeat(2001) + "\"}")));
        refused("reason", call(ApiEvents.request("POST", "/v1/admin/members/{memberId}/consents", memberId)
                .json("{\"purpose\":\"marketing\",\"granted\":false,\"reason\":\"\\udfff\"}")));
        refused("texts.en", call(ApiEvents.request("POST", "/v1/admin/notices")
                .json("{\"purpose\":\"marketing\",\"texts\":{\"zh-CN\":\"\\u901a\\u77e5\",\"en\":\"Notice \\u2066hidden\"}}")));
        refused("texts.zh-CN", call(ApiEvents.request("POST", "/v1/admin/notices")
                .json("{\"purpose\":\"marketing\",\"texts\":{\"zh-CN\":\"\\u3000\",\"en\":\"Notice\"}}")));
        refused("reason", call(ApiEvents.request("POST", "/v1/admin/requests/{requestId}", memberId + ".0123abcd")
                .json("{\"decision\":\"refuse\",\"reason\":\"no\\u0007\"}")));
        assertEquals(before, counts(), "a refused request wrote");
    }

    @Test
    void idsAndQueryParametersAreTyped() throws Exception {
        List<Integer> before = counts();
        for (String bad : List.of("m_" + "a".repeat(3000), "m_XYZ", "../x")) {
            refused("memberId", call(ApiEvents.request("GET", "/v1/admin/members/{memberId}", bad)));
            refused("memberId", call(ApiEvents.request("POST", "/v1/admin/members/{memberId}/status", bad)
                    .json("{\"action\":\"warn\",\"reason\":\"spam\"}")));
        }
        assertEquals(404, call(ApiEvents.request("GET", "/v1/admin/members/{memberId}", "m_ffff")).getStatusCode());
        refused("requestId", call(ApiEvents.request("POST", "/v1/admin/requests/{requestId}", "r".repeat(3000))
                .json("{\"decision\":\"complete\"}")));
        assertEquals(404, call(ApiEvents.request("POST", "/v1/admin/requests/{requestId}", memberId + ".0123abcd")
                .json("{\"decision\":\"complete\"}")).getStatusCode());
        Map<String, List<String>> bad = Map.of("limit", List.of("abc", "-1", "0", "201", "99999999999"),
                "status", List.of("ACTIVE", "gone", "x".repeat(3000)), "channel", List.of("fax", ""),
                "id", List.of("m_" + "a".repeat(3000), "nope"), "contact", List.of("x".repeat(300), "a\u0000@b.cn"));
        bad.forEach((name, values) -> values.forEach(value -> {
            try {
                refused(name, call(ApiEvents.request("GET", "/v1/admin/members").query(name, value)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }));
        refused("status", call(ApiEvents.request("GET", "/v1/admin/requests").query("status", "OPEN")));
        refused("limit", call(ApiEvents.request("GET", "/v1/admin/settings/members").query("limit", "abc")));
        refused("cursor", call(ApiEvents.request("GET", "/v1/admin/settings/members").query("cursor", "not a cursor")));
        assertEquals(200, call(ApiEvents.request("GET", "/v1/admin/members").query("status", "active").query("channel", "store")
                .query("limit", "10")).getStatusCode());
        assertEquals(before.get(0), counts().get(0), "searching wrote to the members table");
    }
}
