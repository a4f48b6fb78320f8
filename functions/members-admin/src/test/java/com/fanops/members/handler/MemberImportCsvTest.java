package com.fanops.members.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A spreadsheet's CSV export - byte order mark, CRLF, quoted commas and quotes - imports through the admin API. */
class MemberImportCsvTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC);
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

    private static APIGatewayV2HTTPResponse as(String group, ApiEvents request) {
        return admin.handleRequest(request.operator(group + "@brand.cn", List.of(group)).build(), null);
    }

    private static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.mapper().readTree(r.getBody());
    }

    @Test
    void aSpreadsheetExportWithByteOrderMarkCrlfAndQuotedCommasImports() throws Exception {
        String csv = "\uFEFFnickname,email,phone,region,channel,joinedAt,evidence,membership_version,membership_at\r\n"
                + "\"Li, Lei\",li.lei@example.com,,\"Nanjing, Gulou\",store,2023-05-01T00:00:00Z,\"paper form 12, box 3\",1,2023-05-01T00:00:00Z\r\n"
                + "\"The \"\"Big\"\" Fan\",,13700137001,Suzhou,store,2023-06-01T00:00:00Z,paper-13,1,2023-06-01T00:00:00Z\r\n"
                + "Bad Fan,bad,,Nanjing,store,2023-05-01T00:00:00Z,paper-14,1,2023-05-01T00:00:00Z\r\n"
                + "\r\n";
        var imported = as("admin", ApiEvents.request("POST", "/v1/admin/members/import").json(csv).header("content-type", "text/csv"));
        assertEquals(200, imported.getStatusCode(), imported.getBody());
        JsonNode result = body(imported);
        assertEquals(3, result.path("total").asInt(), result.toString());
        assertEquals(2, result.path("created").asInt(), result.toString());
        assertEquals(4, result.at("/rows/2/line").asInt(), "rejections keep their line number");
        assertEquals("email is not valid", result.at("/rows/2/reason").asText());

        JsonNode lee = body(as("manager", ApiEvents.request("GET", "/v1/admin/members/{memberId}", result.at("/rows/0/memberId").asText())));
        assertEquals("Li, Lei", lee.path("nickname").asText(), lee.toString());
        assertEquals("Nanjing, Gulou", lee.path("region").asText());
        assertEquals("li.lei@example.com", lee.path("contact").asText());
        JsonNode fan = body(as("manager", ApiEvents.request("GET", "/v1/admin/members/{memberId}", result.at("/rows/1/memberId").asText())));
        assertEquals("The \"Big\" Fan", fan.path("nickname").asText());
        assertEquals("2023-06-01T00:00:00Z", fan.path("joinedAt").asText());

        var again = body(as("admin", ApiEvents.request("POST", "/v1/admin/members/import").json(csv).header("content-type", "text/csv")));
        assertEquals(2, again.path("duplicate").asInt(), "a re-run of the same file creates nothing twice");
    }
}
