package com.fanops.members.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.Contact;
import com.fanops.members.domain.DataRequest;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.DataRequestStore;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Today page's member counts: sign-ups awaiting admission and open data-subject requests, over members the sign-up store wrote. */
class MembersTodayTest {

    private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static LocalDynamo dynamo;
    private static AdminMembersHandler admin;
    private static FieldCipher cipher;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        InMemoryDataKeys keys = new InMemoryDataKeys();
        cipher = new FieldCipher(new Keyring(dynamo.client(), "ConfigTable", keys, CLOCK));
        admin = new AdminMembersHandler(dynamo.client(), "MembersTable", "ConfigTable", "AuditTable", "EventOutboxTable", keys,
                new RecordedEvents("com.fanops.members.domain"), CLOCK);
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static String join(MemberStatus status) {
        String id = "m_" + UUID.randomUUID().toString().replace("-", "");
        Contact contact = Contact.email(id + "@example.com");
        new MemberStore(dynamo.client(), "MembersTable").signUp(new MemberStore.NewMember(id, status, "store", "Wuhan", "zh-CN", NOW, "email",
                cipher.blindIndex(contact.indexInput()), cipher.encrypt(id, "nickname", "Fan"), cipher.encrypt(id, "contact", contact.value()),
                null, null, null, null, "hash"),
                List.of(new ConsentEntry(id, Purpose.MEMBERSHIP, 1, true, NOW, 1, "store", "zh-CN", "proof", "form", "member", null)),
                null, List.of());
        return id;
    }

    private static void request(String memberId, Instant filed, Duration allowed) {
        new DataRequestStore(dynamo.client(), "MembersTable").save(DataRequest.file(memberId, DataRequest.Type.EXPORT, filed, allowed, null), null);
    }

    private static APIGatewayV2HTTPResponse as(String group) {
        return admin.handleRequest(ApiEvents.request("GET", "/v1/admin/today/members").operator(group + "@brand.cn", List.of(group)).build(), null);
    }

    @Test
    void pendingSignUpsAndOpenRequestsAreCountedForThoseWhoDecideThemAndTheReadAudited() throws Exception {
        join(MemberStatus.PENDING);
        join(MemberStatus.PENDING);
        join(MemberStatus.PENDING);
        String active = join(MemberStatus.ACTIVE);
        request(active, NOW.minus(Duration.ofDays(20)), Duration.ofDays(15));       // past its deadline
        request(join(MemberStatus.ACTIVE), NOW.minus(Duration.ofDays(1)), Duration.ofDays(15));

        var answer = as("manager");
        assertEquals(200, answer.getStatusCode(), answer.getBody());
        JsonNode body = Json.mapper().readTree(answer.getBody());
        assertEquals(3, body.path("pendingSignups").asLong());
        assertEquals(2, body.at("/requests/open").asLong());
        assertEquals(1, body.at("/requests/overdue").asLong());
        assertEquals(1, dynamo.client().scan(b -> b.tableName("AuditTable")).items().stream()
                .filter(i -> "today.read".equals(i.get("action").s()) && "manager@brand.cn".equals(i.get("actor").s())).count());

        assertEquals(403, as("agent").getStatusCode(), "agents neither admit members nor decide requests");
        assertEquals(403, as("analyst").getStatusCode());
    }
}
