package com.fanops.members.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.store.MemberStore;
import com.fanops.members.domain.Purpose;
import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every event is delivered twice: the second delivery changes nothing. */
class MemberEventsHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:00:00Z"), ZoneOffset.UTC);
    private static LocalDynamo dynamo;
    private static MemberEventsHandler handler;
    private static MemberStore members;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        handler = new MemberEventsHandler(dynamo.client(), "MembersTable");
        members = new MemberStore(dynamo.client(), "MembersTable");
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    private static Map<String, Object> event(String type, Map<String, Object> detail) {
        return Map.of("version", "0", "id", "evt-" + type, "detail-type", type, "source", "fanops.members",
                "time", "2026-11-22T02:00:00Z", "detail", detail);
    }

    private static void member(String id, int marketingVersion) {
        Instant at = CLOCK.instant();
        members.signUp(new MemberStore.NewMember(id, com.fanops.members.domain.MemberStatus.ACTIVE, "web", "r", "en", at, "email", "idx-" + id, "n", "c", null, null, null,
                null, "h"), List.of(new ConsentEntry(id, Purpose.MEMBERSHIP, 1, true, at, 1, "web", "en", "p", "form", "member", null),
                new ConsentEntry(id, Purpose.MARKETING, marketingVersion, true, at, 1, "web", "en", "p", "form", "member", null)), null, List.of());
    }

    @Test
    void aNewNoticeFlagsOnlyMembersWhoAgreedToAnOlderOneAndOnlyOnce() {
        member("m_old", 1);
        member("m_new", 2);
        var published = event("NoticePublished", Map.of("purpose", "marketing", "version", 2, "publishedAt", "2026-11-22T02:00:00Z"));
        handler.handleRequest(published, null);
        handler.handleRequest(published, null);
        assertEquals(List.of("marketing"), members.profile("m_old").orElseThrow().reconsent());
        assertTrue(members.profile("m_new").orElseThrow().reconsent().isEmpty());
    }
}
