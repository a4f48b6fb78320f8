package com.fanops.members.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.members.app.MemberReactions;
import com.fanops.members.app.NoticeDrafts;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.NoticePublished;
import com.fanops.members.domain.Purpose;
import com.fanops.platform.audit.AuditLog;
import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The publish preview's count - members whose current decision grants an older notice - read from the grant counters,
 * against a brute force over every member after a random run of sign-ups, grants, withdrawals, erasures and publishes;
 * and re-consent flags set by the publish land on exactly the members counted.
 */
class GrantCountersTest {

    private static LocalDynamo dynamo;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void publishPreviewCountsExactlyTheMembersAskedAgain() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        MemberStore members = new MemberStore(dynamo.client(), "MembersTable");
        NoticeStore notices = new NoticeStore(dynamo.client(), "ConfigTable", clock);
        NoticeDrafts drafts = new NoticeDrafts(notices, new NoticeDraftStore(dynamo.client(), "ConfigTable"), members.grantCounters(),
                new AuditLog(dynamo.client(), "AuditTable", clock), clock);
        MemberReactions reactions = new MemberReactions(members);
        Random random = new Random(15);
        List<String> ids = new ArrayList<>();
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        int checks = 0;
        for (int step = 0; step < 400; step++) {
            at = at.plusSeconds(1);
            int roll = random.nextInt(100);
            if (roll < 30 || ids.isEmpty()) {
                String id = "m_" + Integer.toHexString(0x1000 + ids.size());
                ids.add(id);
                signUp(members, notices, id, at, random);
            } else if (roll < 75) {
                MemberProfile p = members.profile(ids.get(random.nextInt(ids.size()))).orElseThrow();
                if (p.status() == MemberStatus.ERASED) {
                    continue;
                }
                Purpose purpose = Purpose.values()[random.nextInt(3)];
                // A decision may name the notice in force or an older one (an operator recording an old paper form).
                int version = 1 + random.nextInt(notices.current().get(purpose).version());
                members.recordConsents(p, List.of(entry(p.memberId(), purpose, version, random.nextBoolean(), at, p.revision())), List.of());
            } else if (roll < 85) {
                MemberProfile p = members.profile(ids.get(random.nextInt(ids.size()))).orElseThrow();
                if (p.status() != MemberStatus.ERASED) {
                    members.erase(p, "op@brand.cn", at, List.of());
                }
            } else {
                Purpose purpose = Purpose.values()[random.nextInt(3)];
                long counted = (long) drafts.impact(purpose).get("askedAgain");
                int next = notices.current().get(purpose).version() + 1;
                assertEquals(bruteForce(purpose, next), counted, "members asked again for " + purpose + " v" + next + " at step " + step);
                var published = notices.publish(purpose, Map.of("zh-CN", "第" + next + "版", "en", "version " + next), "admin@brand.cn");
                reactions.askAgain(new NoticePublished(purpose.key(), published.version(), at));
                assertEquals(counted, flagged(purpose, published.version()), "flagged for " + purpose);
                checks++;
            }
        }
        for (Purpose purpose : Purpose.values()) {
            assertEquals(bruteForce(purpose, notices.current().get(purpose).version() + 1), (long) drafts.impact(purpose).get("askedAgain"));
        }
        assertTrue(checks >= 30, "publishes checked: " + checks);
    }

    private static void signUp(MemberStore members, NoticeStore notices, String id, Instant at, Random random) {
        List<ConsentEntry> ledger = new ArrayList<>();
        for (Purpose purpose : Purpose.values()) {
            if (purpose.required() || random.nextBoolean()) {
                ledger.add(entry(id, purpose, notices.current().get(purpose).version(), true, at, 0));
            }
        }
        members.signUp(new MemberStore.NewMember(id, MemberStatus.ACTIVE, "web", "Shanghai", "zh-CN", at, "email", "idx-" + id,
                "n", "c", null, null, null, null, "t"), ledger, null, List.of());
    }

    private static ConsentEntry entry(String id, Purpose purpose, int version, boolean granted, Instant at, long sequence) {
        return new ConsentEntry(id, purpose, version, granted, at, sequence, "web", "zh-CN", "hash", "member", "member", null);
    }

    /** Every profile read: not erased, and its current decision grants a version older than {@code next}. */
    private static long bruteForce(Purpose purpose, int next) {
        return profiles().stream().filter(i -> !"erased".equals(i.get("status").s()))
                .map(i -> i.get("consents").m().get(purpose.key()))
                .filter(d -> d != null && d.m().get("granted").bool() && Integer.parseInt(d.m().get("version").n()) < next).count();
    }

    /** Members flagged for the purpose whose current decision grants a notice older than {@code published}. */
    private static long flagged(Purpose purpose, int published) {
        return profiles().stream().filter(i -> i.containsKey("reconsent") && i.get("reconsent").ss().contains(purpose.key()))
                .filter(i -> !"erased".equals(i.get("status").s()))
                .map(i -> i.get("consents").m().get(purpose.key()))
                .filter(d -> d != null && d.m().get("granted").bool() && Integer.parseInt(d.m().get("version").n()) < published).count();
    }

    private static List<Map<String, AttributeValue>> profiles() {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        dynamo.client().scanPaginator(b -> b.tableName("MembersTable").consistentRead(true)).items().stream()
                .filter(i -> "PROFILE".equals(i.get("sk").s())).forEach(out::add);
        return out;
    }

}
