package com.fanops.members;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The member aggregate in the members table. Item layouts (personal data only as field ciphertext):
 * <pre>
 *   pk=CONTACT#&lt;blind index&gt;  sk=CONTACT              memberId            one member per contact (uniqueness claim)
 *   pk=MEMBER#&lt;id&gt;  sk=PROFILE   status, channel, region, locale, joinedAt, contactType, contactIndex,
 *                                 nicknameEnc, contactEnc, birthdayEnc, interestsEnc, guardianEnc, referralCode,
 *                                 tokenHash, consents (map purpose -> {granted, version, at}), revision,
 *                                 gsi1pk=STATUS#&lt;status&gt;, gsi1sk=&lt;joinedAt&gt;#&lt;id&gt;
 *   pk=MEMBER#&lt;id&gt;  sk=CONSENT#&lt;at&gt;#&lt;purpose&gt;#&lt;rand&gt;   one append-only ledger entry (never updated)
 *   pk=MEMBER#&lt;id&gt;  sk=STATUS#&lt;at&gt;               status history: from, to, reason, actor
 * </pre>
 */
public final class MemberStore {

    /** What a sign-up writes; every personal field is already ciphertext. */
    public record NewMember(String memberId, String status, String channel, String region, String locale, Instant joinedAt,
                            String contactType, String contactIndex, String nicknameEnc, String contactEnc, String birthdayEnc,
                            String interestsEnc, String guardianEnc, String referralCode, String tokenHash) {
    }

    public record Profile(String memberId, String status, String channel, String region, String locale, Instant joinedAt,
                          String tokenHash, long revision, Map<String, AttributeValue> raw) {
    }

    public static final class DuplicateContactException extends RuntimeException {
        public DuplicateContactException() {
            super("contact already belongs to a member", null, false, false);
        }
    }

    public static final class ConcurrentChangeException extends RuntimeException {
        public ConcurrentChangeException() {
            super("the member changed meanwhile", null, false, false);
        }
    }

    private final DynamoDbClient ddb;
    private final String table;

    public MemberStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** One transaction: the contact claim, the profile, the ledger and the first status - all or nothing. */
    public void signUp(NewMember m, List<ConsentEntry> ledger) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(put(Map.of("pk", s("CONTACT#" + m.contactIndex()), "sk", s("CONTACT"), "memberId", s(m.memberId())),
                "attribute_not_exists(pk)"));
        Map<String, AttributeValue> profile = new HashMap<>();
        profile.put("pk", s("MEMBER#" + m.memberId()));
        profile.put("sk", s("PROFILE"));
        profile.put("memberId", s(m.memberId()));
        profile.put("status", s(m.status()));
        profile.put("channel", s(m.channel()));
        profile.put("region", s(m.region()));
        profile.put("locale", s(m.locale()));
        profile.put("joinedAt", s(m.joinedAt().toString()));
        profile.put("contactType", s(m.contactType()));
        profile.put("contactIndex", s(m.contactIndex()));
        profile.put("nicknameEnc", s(m.nicknameEnc()));
        profile.put("contactEnc", s(m.contactEnc()));
        optional(profile, "birthdayEnc", m.birthdayEnc());
        optional(profile, "interestsEnc", m.interestsEnc());
        optional(profile, "guardianEnc", m.guardianEnc());
        optional(profile, "referralCode", m.referralCode());
        profile.put("tokenHash", s(m.tokenHash()));
        profile.put("consents", AttributeValue.fromM(consentMap(ledger)));
        profile.put("revision", AttributeValue.fromN("1"));
        profile.put("gsi1pk", s("STATUS#" + m.status()));
        profile.put("gsi1sk", s(m.joinedAt() + "#" + m.memberId()));
        writes.add(put(profile, "attribute_not_exists(pk)"));
        ledger.forEach(e -> writes.add(put(ledgerItem(e), "attribute_not_exists(pk)")));
        writes.add(put(Map.of("pk", s("MEMBER#" + m.memberId()), "sk", s("STATUS#" + m.joinedAt() + "#0"), "from", s("none"),
                "to", s(m.status()), "reason", s("signed up"), "actor", s("member")), "attribute_not_exists(pk)"));
        for (int attempt = 1; ; attempt++) {
            try {
                ddb.transactWriteItems(b -> b.transactItems(writes));
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                    throw new DuplicateContactException();
                }
                boolean conflict = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!conflict || attempt == 5) {
                    throw e;
                }
                // Another sign-up holds the same contact claim right now: wait and let the condition decide.
                sleep(20L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextInt(30));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Optional<Profile> profile(String memberId) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("MEMBER#" + memberId), "sk", s("PROFILE")))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Profile(memberId, item.get("status").s(), item.get("channel").s(), item.get("region").s(),
                item.get("locale").s(), Instant.parse(item.get("joinedAt").s()), item.get("tokenHash").s(),
                Long.parseLong(item.get("revision").n()), item));
    }

    public Optional<String> memberIdByContact(String contactIndex) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("CONTACT#" + contactIndex), "sk", s("CONTACT")))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("memberId").s());
    }

    /** Appends decisions and updates the derived state in one transaction, guarded by the profile's revision. */
    public void recordConsents(Profile profile, List<ConsentEntry> entries) {
        List<TransactWriteItem> writes = new ArrayList<>();
        entries.forEach(e -> writes.add(put(ledgerItem(e), "attribute_not_exists(pk)")));
        Map<String, AttributeValue> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET revision = :next");
        names.put("#c", s("consents"));
        for (int i = 0; i < entries.size(); i++) {
            ConsentEntry e = entries.get(i);
            set.append(", #c.#p").append(i).append(" = :d").append(i);
            values.put(":d" + i, AttributeValue.fromM(decision(e)));
            names.put("#p" + i, s(e.purpose().key()));
        }
        values.put(":rev", AttributeValue.fromN(String.valueOf(profile.revision())));
        values.put(":next", AttributeValue.fromN(String.valueOf(profile.revision() + 1)));
        Map<String, String> attributeNames = new HashMap<>();
        names.forEach((k, v) -> attributeNames.put(k, v.s()));
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("pk", s("MEMBER#" + profile.memberId()), "sk", s("PROFILE")))
                .updateExpression(set.toString()).conditionExpression("revision = :rev")
                .expressionAttributeNames(attributeNames).expressionAttributeValues(values).build()).build());
        try {
            ddb.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw new ConcurrentChangeException();
        }
    }

    public List<ConsentEntry> ledger(String memberId) {
        List<ConsentEntry> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = ddb.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :consent)")
                    .expressionAttributeValues(Map.of(":pk", s("MEMBER#" + memberId), ":consent", s("CONSENT#")))
                    .exclusiveStartKey(from));
            page.items().forEach(i -> out.add(entry(memberId, i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static Map<String, AttributeValue> consentMap(List<ConsentEntry> ledger) {
        Map<String, AttributeValue> out = new HashMap<>();
        ConsentState.derive(ledger).decisions().forEach((purpose, d) -> out.put(purpose.key(), AttributeValue.fromM(Map.of(
                "granted", AttributeValue.fromBool(d.granted()), "version", AttributeValue.fromN(String.valueOf(d.noticeVersion())),
                "at", s(d.at().toString())))));
        return out;
    }

    private static Map<String, AttributeValue> decision(ConsentEntry e) {
        return Map.of("granted", AttributeValue.fromBool(e.granted()), "version", AttributeValue.fromN(String.valueOf(e.noticeVersion())),
                "at", s(e.at().toString()));
    }

    private static Map<String, AttributeValue> ledgerItem(ConsentEntry e) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("MEMBER#" + e.memberId()));
        // Time first so the ledger reads in order; a random suffix keeps two decisions in one instant apart.
        item.put("sk", s("CONSENT#" + e.at() + "#" + e.purpose().key() + "#" + java.util.UUID.randomUUID().toString().substring(0, 8)));
        item.put("purpose", s(e.purpose().key()));
        item.put("noticeVersion", AttributeValue.fromN(String.valueOf(e.noticeVersion())));
        item.put("granted", AttributeValue.fromBool(e.granted()));
        item.put("at", s(e.at().toString()));
        item.put("sequence", AttributeValue.fromN(String.valueOf(e.sequence())));
        item.put("channel", s(e.channel()));
        item.put("locale", s(e.locale()));
        item.put("proofHash", s(e.proofHash()));
        item.put("source", s(e.source()));
        item.put("actor", s(e.actor()));
        optional(item, "origin", e.origin());
        return item;
    }

    private static ConsentEntry entry(String memberId, Map<String, AttributeValue> i) {
        return new ConsentEntry(memberId, Purpose.of(i.get("purpose").s()).orElseThrow(), Integer.parseInt(i.get("noticeVersion").n()),
                i.get("granted").bool(), Instant.parse(i.get("at").s()), Long.parseLong(i.get("sequence").n()), i.get("channel").s(), i.get("locale").s(),
                i.get("proofHash").s(), i.get("source").s(), i.get("actor").s(), i.containsKey("origin") ? i.get("origin").s() : null);
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).conditionExpression(condition).build()).build();
    }

    private static void optional(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
