package com.fanops.messaging.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.Contact;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberStore;
import com.fanops.messaging.domain.ConsentBasis;
import com.fanops.messaging.domain.Message;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.messaging.store.KeyringLinks;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.json.Json;
import com.fanops.platform.limits.RateLimit;
import com.fanops.testing.ApiEvents;
import com.fanops.testing.InMemoryDataKeys;
import com.fanops.testing.LocalDynamo;
import com.fanops.testing.RecordedEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** DynamoDB Local with the template's tables, the handler, and members and messages made through the capabilities' stores. */
final class MessagingStack implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final List<String> TABLES = List.of("MessagesTable", "MembersTable", "ConfigTable", "AuditTable", "EventOutboxTable",
            "LimitsTable");

    final LocalDynamo dynamo;
    final InMemoryDataKeys keys = new InMemoryDataKeys();
    final FieldCipher cipher;
    final KeyringLinks links;
    final DeliveryLog log;
    final MemberStore members;
    final RecordedEvents events = new RecordedEvents("com.fanops.members.domain");
    final MessagingApiHandler handler;
    /** The message requests the API queued (operators' notes), as the queue would receive them. */
    final List<MessageRequest> queued = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int people;

    MessagingStack(RateLimit unsubscribeLimit) {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        Keyring keyring = new Keyring(dynamo.client(), "ConfigTable", keys, CLOCK);
        cipher = new FieldCipher(keyring);
        links = new KeyringLinks(keyring, "https://fans.example.com", "https://api.example.com");
        log = new DeliveryLog(dynamo.client(), "MessagesTable", ZONE, new CapacityMeter());
        members = new MemberStore(dynamo.client(), "MembersTable");
        handler = new MessagingApiHandler(dynamo.client(), new MessagingApiHandler.Tables("MessagesTable", "MembersTable", "ConfigTable",
                "AuditTable", "EventOutboxTable"), keys, events,
                new MessagingApiHandler.Abuse("LimitsTable", unsubscribeLimit, ""), ZONE, CLOCK, queued::add);
    }

    /** An active member with membership consent and, when asked, marketing consent; nickname as given. */
    String member(String nickname, boolean marketing) {
        String memberId = String.format("m_%032x", 0xabc000 + ++people);
        Contact contact = Contact.email("fan" + people + "@example.cn");
        List<ConsentEntry> ledger = new ArrayList<>();
        ledger.add(new ConsentEntry(memberId, Purpose.MEMBERSHIP, 1, true, CLOCK.instant(), 1, "web", "en", "proof", "form", "member", null));
        if (marketing) {
            ledger.add(new ConsentEntry(memberId, Purpose.MARKETING, 1, true, CLOCK.instant(), 1, "web", "en", "proof", "form", "member", null));
        }
        members.signUp(new MemberStore.NewMember(memberId, MemberStatus.ACTIVE, "web", "Suzhou", "en", CLOCK.instant(), "email",
                cipher.blindIndex(contact.indexInput()), cipher.encrypt(memberId, "nickname", nickname),
                cipher.encrypt(memberId, "contact", contact.value()), null, null, null, null, "hash"), ledger, null, List.of());
        return memberId;
    }

    /** A care message to the member, sent by e-mail with its text kept encrypted, as the sender leaves it. */
    Message sentCare(String memberId, String cause, String subject, String body) {
        Instant now = CLOCK.instant();
        Message m = log.open(new MessageRequest(memberId, "care", cause, Map.of("dormantDays", "30", "lastActiveDay", "2026-10-20"), now), now);
        var basis = new ConsentBasis("marketing", true, 1, now);
        Message claimed = log.claim(m, "email", 1, "en", basis, "idx", log.marketingSends(memberId), List.of(), now);
        log.sent(claimed, "ses-" + cause, cipher.encrypt(m.messageId(), "subject", subject), cipher.encrypt(m.messageId(), "body", body), now);
        return log.find(m.messageId()).orElseThrow();
    }

    String tokenOf(String messageId) {
        String endpoint = links.unsubscribeEndpoint(messageId);
        return endpoint.substring(endpoint.lastIndexOf('/') + 1);
    }

    APIGatewayV2HTTPResponse as(String role, ApiEvents request) {
        return handler.handleRequest(request.operator(role + "@brand.cn", List.of(role)).build(), null);
    }

    /** A one-click unsubscribe from a client address, with a body of a media type (both null: an empty POST). */
    APIGatewayV2HTTPResponse click(String token, String ip, String contentType, String body) {
        ApiEvents request = ApiEvents.request("POST", "/v1/unsubscribe/{token}", token).sourceIp(ip);
        if (contentType != null) {
            request.header("content-type", contentType);
        }
        var event = request.build();
        event.setBody(body);
        return handler.handleRequest(event, null);
    }

    APIGatewayV2HTTPResponse anonymous(ApiEvents request) {
        return handler.handleRequest(request.build(), null);
    }

    List<Integer> counts() {
        return TABLES.stream().map(t -> dynamo.client().scan(b -> b.tableName(t).select("COUNT")).count()).toList();
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return Json.mapper().readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(response.getBody(), e);
        }
    }

    static void refused(String field, APIGatewayV2HTTPResponse response) {
        assertEquals(400, response.getStatusCode(), field + ": " + response.getBody());
        assertEquals("application/problem+json", response.getHeaders().get("content-type"));
        String errors = json(response).path("errors").toString();
        assertTrue(errors.contains("\"field\":\"" + field + "\""), "expected " + field + " in " + errors);
    }

    @Override
    public void close() throws Exception {
        dynamo.close();
    }
}
