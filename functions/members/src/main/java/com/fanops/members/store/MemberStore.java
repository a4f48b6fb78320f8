package com.fanops.members.store;

import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.ConsentState;
import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.Purpose;
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
 *   pk=MEMBER#&lt;id&gt;  sk=PROFILE   status, kind (member, staff, test), channel, region, locale, joinedAt, contactType, contactIndex,
 *                                 nicknameEnc, contactEnc, birthdayEnc, interestsEnc, guardianEnc, referralCode,
 *                                 tokenHash, consents (map purpose -> {granted, version, at}), revision,
 *                                 gsi1pk=STATUS#&lt;status&gt;, gsi1sk=&lt;joinedAt&gt;#&lt;id&gt;
 *   pk=MEMBER#&lt;id&gt;  sk=CONSENT#&lt;at&gt;#&lt;purpose&gt;#&lt;rand&gt;   one append-only ledger entry (never updated)
 *                                 (a grant also carries gsi1pk=GRANT#&lt;purpose&gt;#&lt;version&gt;, gsi1sk=&lt;id&gt;: who agreed to which notice)
 *   pk=MEMBER#&lt;id&gt;  sk=STATUS#&lt;at&gt;#&lt;n&gt;           status history: from, to, reason, evidence, actor
 *   pk=MEMBER#&lt;id&gt;  sk=DSR#&lt;requestId&gt;         data-subject request: type, status, filedAt, deadline, decidedAt,
 *                                 decidedBy, reason, correctionsEnc; gsi1pk=DSR#&lt;status&gt;, gsi1sk=&lt;deadline&gt;#&lt;id&gt;
 *   pk=AUDIT#&lt;day&gt;  sk=&lt;at&gt;#&lt;rand&gt;               operator action: actor, action, target, reason
 * </pre>
 */
public final class MemberStore {

    /** What a sign-up writes; every personal field is already ciphertext. */
    public record NewMember(String memberId, String status, String channel, String region, String locale, Instant joinedAt,
                            String contactType, String contactIndex, String nicknameEnc, String contactEnc, String birthdayEnc,
                            String interestsEnc, String guardianEnc, String referralCode, String tokenHash, MemberKind kind) {

        public NewMember {
            kind = kind == null ? MemberKind.MEMBER : kind;
        }

        /** A community member (every sign-up; imports may say staff or test). */
        public NewMember(String memberId, String status, String channel, String region, String locale, Instant joinedAt,
                         String contactType, String contactIndex, String nicknameEnc, String contactEnc, String birthdayEnc,
                         String interestsEnc, String guardianEnc, String referralCode, String tokenHash) {
            this(memberId, status, channel, region, locale, joinedAt, contactType, contactIndex, nicknameEnc, contactEnc, birthdayEnc,
                    interestsEnc, guardianEnc, referralCode, tokenHash, MemberKind.MEMBER);
        }
    }

    public record Profile(String memberId, String status, String channel, String region, String locale, Instant joinedAt,
                          String tokenHash, long revision, Map<String, AttributeValue> raw) {

        /** Member, staff or test; profiles written before kinds existed are members. */
        public MemberKind kind() {
            return MemberKind.orMember(raw.containsKey("kind") ? raw.get("kind").s() : null);
        }
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
    public void signUp(NewMember m, List<ConsentEntry> ledger, List<TransactWriteItem> also) {
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
        profile.put("kind", s(m.kind().key()));
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
        writes.addAll(also);
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
                item.get("locale").s(), Instant.parse(item.get("joinedAt").s()), item.containsKey("tokenHash") ? item.get("tokenHash").s() : "",
                Long.parseLong(item.get("revision").n()), item));
    }

    public Optional<String> memberIdByContact(String contactIndex) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("CONTACT#" + contactIndex), "sk", s("CONTACT")))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("memberId").s());
    }

    /** Appends decisions and updates the derived state in one transaction, guarded by the profile's revision. */
    public void recordConsents(Profile profile, List<ConsentEntry> entries, List<TransactWriteItem> also) {
        List<TransactWriteItem> writes = new ArrayList<>(also);
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

    /** A status change and its history line, atomically, guarded by the revision. */
    public void changeStatus(Profile profile, String to, String reason, String evidence, String actor, Instant at,
                             List<TransactWriteItem> also) {
        Map<String, AttributeValue> history = new HashMap<>();
        history.put("pk", s("MEMBER#" + profile.memberId()));
        history.put("sk", s("STATUS#" + at + "#" + profile.revision()));
        history.put("from", s(profile.status()));
        history.put("to", s(to));
        history.put("reason", s(reason));
        history.put("actor", s(actor));
        optional(history, "evidence", evidence);
        List<TransactWriteItem> writes = new ArrayList<>(also);
        writes.addAll(List.of(put(history, "attribute_not_exists(pk)"),
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(Map.of("pk", s("MEMBER#" + profile.memberId()), "sk", s("PROFILE")))
                        .updateExpression("SET #st = :to, gsi1pk = :g, revision = :next")
                        .conditionExpression("revision = :rev")
                        .expressionAttributeNames(Map.of("#st", "status"))
                        .expressionAttributeValues(Map.of(":to", s(to), ":g", s("STATUS#" + to),
                                ":rev", AttributeValue.fromN(String.valueOf(profile.revision())),
                                ":next", AttributeValue.fromN(String.valueOf(profile.revision() + 1)))).build()).build()));
        try {
            ddb.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw new ConcurrentChangeException();
        }
    }

    /**
     * Erasure: the profile keeps only what law requires (id, dates, status, consent state) - every personal
     * field, the member token and the contact claim go, so the contact can join again as a new member.
     * The ledger stays: it holds no plaintext, only purposes, versions, proof hashes and times.
     */
    public void erase(Profile profile, String actor, Instant at, List<TransactWriteItem> also) {
        List<TransactWriteItem> writes = new ArrayList<>(also);
        if (profile.raw().containsKey("contactIndex")) {
            writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                    .key(Map.of("pk", s("CONTACT#" + profile.raw().get("contactIndex").s()), "sk", s("CONTACT")))).build());
        }
        writes.add(put(Map.of("pk", s("MEMBER#" + profile.memberId()), "sk", s("STATUS#" + at + "#" + profile.revision()),
                "from", s(profile.status()), "to", s("erased"), "reason", s("data-subject erasure"), "actor", s(actor)),
                "attribute_not_exists(pk)"));
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of("pk", s("MEMBER#" + profile.memberId()), "sk", s("PROFILE")))
                .updateExpression("SET #st = :erased, gsi1pk = :g, erasedAt = :at, revision = :next, #rg = :none"
                        + " REMOVE nicknameEnc, contactEnc, birthdayEnc, interestsEnc, guardianEnc, tokenHash, contactIndex, referralCode")
                .conditionExpression("revision = :rev")
                .expressionAttributeNames(Map.of("#st", "status", "#rg", "region"))
                .expressionAttributeValues(Map.of(":erased", s("erased"), ":g", s("STATUS#erased"), ":at", s(at.toString()),
                        ":none", s("-"), ":rev", AttributeValue.fromN(String.valueOf(profile.revision())),
                        ":next", AttributeValue.fromN(String.valueOf(profile.revision() + 1)))).build()).build());
        try {
            ddb.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw new ConcurrentChangeException();
        }
    }

    /** Applies a completed correction; null leaves a field as it is. */
    public void correct(Profile profile, String nicknameEnc, String region, String birthdayEnc, String interestsEnc) {
        List<String> sets = new ArrayList<>(List.of("revision = :next"));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":rev", AttributeValue.fromN(String.valueOf(profile.revision())));
        values.put(":next", AttributeValue.fromN(String.valueOf(profile.revision() + 1)));
        if (nicknameEnc != null) {
            sets.add("nicknameEnc = :n");
            values.put(":n", s(nicknameEnc));
        }
        if (region != null) {
            sets.add("#rg = :r");
            values.put(":r", s(region));
        }
        if (birthdayEnc != null) {
            sets.add("birthdayEnc = :b");
            values.put(":b", s(birthdayEnc));
        }
        if (interestsEnc != null) {
            sets.add("interestsEnc = :i");
            values.put(":i", s(interestsEnc));
        }
        try {
            ddb.updateItem(b -> b.tableName(table).key(Map.of("pk", s("MEMBER#" + profile.memberId()), "sk", s("PROFILE")))
                    .updateExpression("SET " + String.join(", ", sets)).conditionExpression("revision = :rev")
                    .expressionAttributeNames(region == null ? null : Map.of("#rg", "region"))
                    .expressionAttributeValues(values));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            throw new ConcurrentChangeException();
        }
    }

    public List<Map<String, AttributeValue>> statusHistory(String memberId) {
        return ddb.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk AND begins_with(sk, :st)")
                .expressionAttributeValues(Map.of(":pk", s("MEMBER#" + memberId), ":st", s("STATUS#")))).items();
    }

    /** Member ids with a grant against one notice version (the ledger's index), a page at a time. */
    public Page<String> grantedTo(Purpose purpose, int version, Map<String, AttributeValue> start, int limit) {
        var page = ddb.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :g")
                .expressionAttributeValues(Map.of(":g", s("GRANT#" + purpose.key() + "#" + version)))
                .exclusiveStartKey(start).limit(limit));
        return new Page<>(page.items().stream().map(i -> i.get("gsi1sk").s()).distinct().toList(),
                page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null);
    }

    /** Marks that the member must be asked again for a purpose; a repeat changes nothing. */
    public boolean flagReconsent(String memberId, Purpose purpose, int currentVersion) {
        try {
            ddb.updateItem(b -> b.tableName(table).key(Map.of("pk", s("MEMBER#" + memberId), "sk", s("PROFILE")))
                    .updateExpression("ADD reconsent :p")
                    .conditionExpression("consents.#p.granted = :yes AND consents.#p.version < :v AND NOT contains(reconsent, :one)")
                    .expressionAttributeNames(Map.of("#p", purpose.key()))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromSs(List.of(purpose.key())), ":one", s(purpose.key()),
                            ":yes", AttributeValue.fromBool(true), ":v", AttributeValue.fromN(String.valueOf(currentVersion)))));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException alreadyOrNotNeeded) {
            return false;
        }
    }

    /** Profiles by status, newest first, a page at a time. */
    public Page<Profile> byStatus(String status, Map<String, AttributeValue> start, int limit) {
        var page = ddb.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :g")
                .expressionAttributeValues(Map.of(":g", s("STATUS#" + status))).scanIndexForward(false)
                .exclusiveStartKey(start).limit(limit));
        List<Profile> profiles = new ArrayList<>();
        page.items().forEach(i -> profile(i.get("pk").s().substring("MEMBER#".length())).ifPresent(profiles::add));
        return new Page<>(profiles, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null);
    }

    public record Page<T>(List<T> items, Map<String, AttributeValue> next) {
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
        if (e.granted()) {
            item.put("gsi1pk", s("GRANT#" + e.purpose().key() + "#" + e.noticeVersion()));
            item.put("gsi1sk", s(e.memberId()));
        }
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
