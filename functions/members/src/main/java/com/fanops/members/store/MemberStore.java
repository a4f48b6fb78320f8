package com.fanops.members.store;

import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.ConsentReceipt;
import com.fanops.members.domain.ConsentState;
import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.Purpose;
import com.fanops.members.domain.SignUpReceipt;
import com.fanops.members.domain.StatusLine;
import com.fanops.platform.dynamo.BatchGets;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.retry.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
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
 *   pk=SIGNUPKEY#&lt;sha-256 of the Idempotency-Key&gt;  sk=SIGNUP   bodyHash, memberId, status, tokenEnc, createdAt,
 *                                 expiresAt (TTL, epoch seconds): the answer a retried sign-up gets, written in its transaction
 *   pk=CONSENTKEY#&lt;sha-256 of member id + Idempotency-Key&gt;  sk=CONSENTS   bodyHash, createdAt, expiresAt (TTL): a consent
 *                                 change's receipt, written in its transaction
 *   pk=MEMBER#&lt;id&gt;  sk=DSROPEN#&lt;fingerprint&gt;   requestId: the one open request of that kind and content (DataRequestStore)
 * </pre>
 */
public final class MemberStore {

    private static final Retry TRANSACTION_CONFLICTS = Retry.of(5, Duration.ofMillis(20), Duration.ofMillis(200))
            .on(e -> e instanceof TransactionCanceledException cancelled
                    && cancelled.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code())));

    /** What a sign-up writes; every personal field is already ciphertext. */
    public record NewMember(String memberId, MemberStatus status, String channel, String region, String locale, Instant joinedAt,
                            String contactType, String contactIndex, String nicknameEnc, String contactEnc, String birthdayEnc,
                            String interestsEnc, String guardianEnc, String referralCode, String tokenHash, MemberKind kind) {

        public NewMember {
            kind = kind == null ? MemberKind.MEMBER : kind;
        }

        /** A community member (every sign-up; imports may say staff or test). */
        public NewMember(String memberId, MemberStatus status, String channel, String region, String locale, Instant joinedAt,
                         String contactType, String contactIndex, String nicknameEnc, String contactEnc, String birthdayEnc,
                         String interestsEnc, String guardianEnc, String referralCode, String tokenHash) {
            this(memberId, status, channel, region, locale, joinedAt, contactType, contactIndex, nicknameEnc, contactEnc, birthdayEnc,
                    interestsEnc, guardianEnc, referralCode, tokenHash, MemberKind.MEMBER);
        }
    }

    public static final class DuplicateContactException extends RuntimeException {
        public DuplicateContactException() {
            super("contact already belongs to a member", null, false, false);
        }
    }

    /** Another sign-up recorded the same idempotency key first (a concurrent retry): read its receipt. */
    public static final class ReceiptTakenException extends RuntimeException {
        public ReceiptTakenException() {
            super("the idempotency key was recorded meanwhile", null, false, false);
        }
    }

    public static final class ConcurrentChangeException extends RuntimeException {
        public ConcurrentChangeException() {
            super("the member changed meanwhile", null, false, false);
        }
    }

    private static final String MEMBER = "MEMBER#";
    private static final String PROFILE = "PROFILE";

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;
    private final GrantCounters counters;

    public MemberStore(DynamoDbClient ddb, String table) {
        this(ddb, table, new CapacityMeter());
    }

    /** Profile reads report their capacity to {@code meter}: the messaging sender reads one or two per message. */
    public MemberStore(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
        this.counters = new GrantCounters(ddb, table);
    }

    /** The current grants per notice version, kept in the same transactions as the decisions. */
    public GrantCounters grantCounters() {
        return counters;
    }

    /**
     * One transaction: the sign-up's receipt (when the caller sent an idempotency key), the contact claim, the profile,
     * the ledger and the first status - all or nothing. A receipt taken meanwhile is reported before a duplicate contact:
     * a concurrent retry of the same sign-up claims the same contact too, and must get the first answer, not a 409.
     */
    public void signUp(NewMember m, List<ConsentEntry> ledger, SignUpReceipt receipt, List<TransactWriteItem> also) {
        List<TransactWriteItem> writes = new ArrayList<>();
        if (receipt != null) {
            writes.add(receiptPut(receipt));
        }
        int claimAt = writes.size();
        writes.add(put(Map.of("pk", s("CONTACT#" + m.contactIndex()), "sk", s("CONTACT"), "memberId", s(m.memberId())),
                "attribute_not_exists(pk)"));
        Map<String, AttributeValue> profile = new HashMap<>();
        profile.put("pk", s(MEMBER + m.memberId()));
        profile.put("sk", s(PROFILE));
        profile.put("memberId", s(m.memberId()));
        profile.put("status", s(m.status().key()));
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
        profile.put("gsi1pk", s("STATUS#" + m.status().key()));
        profile.put("gsi1sk", s(m.joinedAt() + "#" + m.memberId()));
        writes.add(put(profile, "attribute_not_exists(pk)"));
        ledger.forEach(e -> writes.add(put(ledgerItem(e), "attribute_not_exists(pk)")));
        writes.add(put(Map.of("pk", s(MEMBER + m.memberId()), "sk", s("STATUS#" + m.joinedAt() + "#0"), "from", s("none"),
                "to", s(m.status().key()), "reason", s("signed up"), "actor", s("member")), "attribute_not_exists(pk)"));
        Map<String, ConsentState.Decision> granted = new HashMap<>();
        ConsentState.derive(ledger).decisions().forEach((purpose, d) -> granted.put(purpose.key(), d));
        writes.addAll(counters.change(m.memberId(), Map.of(), granted));
        writes.addAll(also);
        // Another sign-up may hold the same contact claim (or key) right now: wait and let the conditions decide.
        TRANSACTION_CONFLICTS.get("sign-up " + m.memberId(), () -> {
            try {
                ddb.transactWriteItems(b -> b.transactItems(writes));
                return Optional.of(true);
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (receipt != null && failedCondition(reasons, 0)) {
                    throw new ReceiptTakenException();
                }
                if (failedCondition(reasons, claimAt)) {
                    throw new DuplicateContactException();
                }
                throw e;
            }
        });
    }

    /** The receipt of a sign-up sent with this key (hashed), if one was recorded and has not expired. */
    public Optional<SignUpReceipt> receipt(String keyHash, Instant now) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("SIGNUPKEY#" + keyHash), "sk", s("SIGNUP")))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        SignUpReceipt receipt = new SignUpReceipt(keyHash, item.get("bodyHash").s(), item.get("memberId").s(),
                MemberStatus.parse(item.get("status").s()), item.get("tokenEnc").s(), Instant.parse(item.get("createdAt").s()),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())));
        // DynamoDB deletes expired items within days, not at once: an expired receipt is treated as gone.
        return receipt.expired(now) ? Optional.empty() : Optional.of(receipt);
    }

    private TransactWriteItem receiptPut(SignUpReceipt r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("SIGNUPKEY#" + r.keyHash()));
        item.put("sk", s("SIGNUP"));
        item.put("bodyHash", s(r.bodyHash()));
        item.put("memberId", s(r.memberId()));
        item.put("status", s(r.status().key()));
        item.put("tokenEnc", s(r.tokenEnc()));
        item.put("createdAt", s(r.createdAt().toString()));
        item.put("expiresAt", AttributeValue.fromN(String.valueOf(r.expiresAt().getEpochSecond())));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk) OR expiresAt <= :now")
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(String.valueOf(r.createdAt().getEpochSecond()))))
                .build()).build();
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    public Optional<MemberProfile> profile(String memberId) {
        GetItemResponse read = ddb.getItem(b -> b.tableName(table).consistentRead(true).key(profileKey(memberId))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        meter.read(read.consumedCapacity());
        Map<String, AttributeValue> item = read.item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(profileOf(item));
    }

    public Optional<String> memberIdByContact(String contactIndex) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("CONTACT#" + contactIndex), "sk", s("CONTACT")))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("memberId").s());
    }

    /** Appends decisions and updates the derived state in one transaction, guarded by the profile's revision. */
    public void recordConsents(MemberProfile profile, List<ConsentEntry> entries, List<TransactWriteItem> also) {
        recordConsents(profile, entries, also, null);
    }

    /**
     * As above, with the receipt of the change's {@code Idempotency-Key} (null: none) written first in the same
     * transaction: a concurrent retry holding the same key finds it taken ({@link ReceiptTakenException}).
     */
    public void recordConsents(MemberProfile profile, List<ConsentEntry> entries, List<TransactWriteItem> also, ConsentReceipt receipt) {
        List<TransactWriteItem> writes = new ArrayList<>();
        if (receipt != null) {
            writes.add(consentReceiptPut(receipt));
        }
        writes.addAll(also);
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
                .key(profileKey(profile.memberId()))
                .updateExpression(set.toString()).conditionExpression("revision = :rev")
                .expressionAttributeNames(attributeNames).expressionAttributeValues(values).build()).build());
        Map<String, ConsentState.Decision> after = new HashMap<>(profile.consents());
        entries.forEach(e -> after.put(e.purpose().key(), new ConsentState.Decision(e.granted(), e.noticeVersion(), e.at())));
        writes.addAll(counters.change(profile.memberId(), profile.consents(), after));
        try {
            transact("consents " + profile.memberId(), writes);
        } catch (TransactionCanceledException e) {
            if (receipt != null && failedCondition(e.cancellationReasons(), 0)) {
                throw new ReceiptTakenException();
            }
            throw new ConcurrentChangeException();
        }
    }

    /** Records a consent change's receipt alone: the change it answers needed no ledger line (nothing changed). */
    public void recordConsentReceipt(ConsentReceipt receipt) {
        try {
            ddb.transactWriteItems(b -> b.transactItems(consentReceiptPut(receipt)));
        } catch (TransactionCanceledException e) {
            throw new ReceiptTakenException();
        }
    }

    /** The receipt of a consent change sent with this key (hashed with the member id), unless it expired. */
    public Optional<ConsentReceipt> consentReceipt(String keyHash, Instant now) {
        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("CONSENTKEY#" + keyHash), "sk", s("CONSENTS")))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        ConsentReceipt receipt = new ConsentReceipt(keyHash, item.get("bodyHash").s(), Instant.parse(item.get("createdAt").s()),
                Instant.ofEpochSecond(Long.parseLong(item.get("expiresAt").n())));
        return receipt.expired(now) ? Optional.empty() : Optional.of(receipt);
    }

    private TransactWriteItem consentReceiptPut(ConsentReceipt r) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of("pk", s("CONSENTKEY#" + r.keyHash()),
                        "sk", s("CONSENTS"), "bodyHash", s(r.bodyHash()), "createdAt", s(r.createdAt().toString()),
                        "expiresAt", AttributeValue.fromN(String.valueOf(r.expiresAt().getEpochSecond()))))
                .conditionExpression("attribute_not_exists(pk) OR expiresAt <= :now")
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(String.valueOf(r.createdAt().getEpochSecond()))))
                .build()).build();
    }

    public List<ConsentEntry> ledger(String memberId) {
        List<ConsentEntry> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :consent)")
                .expressionAttributeValues(Map.of(":pk", s(MEMBER + memberId), ":consent", s("CONSENT#"))))
                .items().forEach(i -> out.add(entry(memberId, i)));
        return out;
    }

    /** A status change and its history line, atomically, guarded by the revision. */
    public void changeStatus(MemberProfile profile, MemberStatus to, String reason, String evidence, String actor, Instant at,
                             List<TransactWriteItem> also) {
        Map<String, AttributeValue> history = new HashMap<>();
        history.put("pk", s(MEMBER + profile.memberId()));
        history.put("sk", s("STATUS#" + at + "#" + profile.revision()));
        history.put("from", s(profile.status().key()));
        history.put("to", s(to.key()));
        history.put("reason", s(reason));
        history.put("actor", s(actor));
        optional(history, "evidence", evidence);
        List<TransactWriteItem> writes = new ArrayList<>(also);
        writes.addAll(List.of(put(history, "attribute_not_exists(pk)"),
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(profileKey(profile.memberId()))
                        .updateExpression("SET #st = :to, gsi1pk = :g, revision = :next")
                        .conditionExpression("revision = :rev")
                        .expressionAttributeNames(Map.of("#st", "status"))
                        .expressionAttributeValues(Map.of(":to", s(to.key()), ":g", s("STATUS#" + to.key()),
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
    public void erase(MemberProfile profile, String actor, Instant at, List<TransactWriteItem> also) {
        List<TransactWriteItem> writes = new ArrayList<>(also);
        if (profile.contactIndex() != null) {
            writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                    .key(Map.of("pk", s("CONTACT#" + profile.contactIndex()), "sk", s("CONTACT")))).build());
        }
        writes.add(put(Map.of("pk", s(MEMBER + profile.memberId()), "sk", s("STATUS#" + at + "#" + profile.revision()),
                "from", s(profile.status().key()), "to", s(MemberStatus.ERASED.key()), "reason", s("data-subject erasure"), "actor", s(actor)),
                "attribute_not_exists(pk)"));
        // An erased member is asked nothing again: its grants leave the counts (the ledger keeps them as proof).
        writes.addAll(counters.change(profile.memberId(), profile.consents(), Map.of()));
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(profileKey(profile.memberId()))
                .updateExpression("SET #st = :erased, gsi1pk = :g, erasedAt = :at, revision = :next, #rg = :none"
                        + " REMOVE nicknameEnc, contactEnc, birthdayEnc, interestsEnc, guardianEnc, tokenHash, contactIndex, referralCode")
                .conditionExpression("revision = :rev")
                .expressionAttributeNames(Map.of("#st", "status", "#rg", "region"))
                .expressionAttributeValues(Map.of(":erased", s(MemberStatus.ERASED.key()), ":g", s("STATUS#" + MemberStatus.ERASED.key()),
                        ":at", s(at.toString()), ":none", s("-"), ":rev", AttributeValue.fromN(String.valueOf(profile.revision())),
                        ":next", AttributeValue.fromN(String.valueOf(profile.revision() + 1)))).build()).build());
        try {
            transact("erasure " + profile.memberId(), writes);
        } catch (TransactionCanceledException e) {
            throw new ConcurrentChangeException();
        }
    }

    /** A transaction that touches a grant counter may meet another on the same counter: it waits and tries again. */
    private void transact(String what, List<TransactWriteItem> writes) {
        try {
            TRANSACTION_CONFLICTS.get(what, () -> {
                ddb.transactWriteItems(b -> b.transactItems(writes));
                return Optional.of(true);
            });
        } catch (Retry.ExhaustedException e) {
            throw e.getCause() instanceof TransactionCanceledException cancelled ? cancelled : e;
        }
    }

    /** Applies a completed correction; null leaves a field as it is. */
    public void correct(MemberProfile profile, String nicknameEnc, String region, String birthdayEnc, String interestsEnc) {
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
            ddb.updateItem(b -> b.tableName(table).key(profileKey(profile.memberId()))
                    .updateExpression("SET " + String.join(", ", sets)).conditionExpression("revision = :rev")
                    .expressionAttributeNames(region == null ? null : Map.of("#rg", "region"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentChangeException();
        }
    }

    /** The status history, oldest first. */
    public List<StatusLine> statusHistory(String memberId) {
        return ddb.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk AND begins_with(sk, :st)")
                .expressionAttributeValues(Map.of(":pk", s(MEMBER + memberId), ":st", s("STATUS#")))).items().stream()
                .map(i -> {
                    String sk = i.get("sk").s();
                    return new StatusLine(str(i, "from"), str(i, "to"), str(i, "reason"), str(i, "evidence"), str(i, "actor"),
                            Instant.parse(sk.substring("STATUS#".length(), sk.lastIndexOf('#'))));
                }).toList();
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
            ddb.updateItem(b -> b.tableName(table).key(profileKey(memberId))
                    .updateExpression("ADD reconsent :p")
                    .conditionExpression("consents.#p.granted = :yes AND consents.#p.version < :v AND NOT contains(reconsent, :one)"
                            + " AND #st <> :erased")
                    .expressionAttributeNames(Map.of("#p", purpose.key(), "#st", "status"))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromSs(List.of(purpose.key())), ":one", s(purpose.key()),
                            ":yes", AttributeValue.fromBool(true), ":v", AttributeValue.fromN(String.valueOf(currentVersion)),
                            ":erased", s(MemberStatus.ERASED.key()))));
            return true;
        } catch (ConditionalCheckFailedException alreadyOrNotNeeded) {
            return false;
        }
    }

    /** Profiles by status, newest first, a page at a time: the index query, then the profiles in one batch read per 100. */
    public Page<MemberProfile> byStatus(MemberStatus status, Map<String, AttributeValue> start, int limit) {
        var page = ddb.query(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :g")
                .expressionAttributeValues(Map.of(":g", s("STATUS#" + status.key()))).scanIndexForward(false)
                .exclusiveStartKey(start).limit(limit));
        List<String> ids = page.items().stream().map(i -> i.get("pk").s().substring(MEMBER.length())).toList();
        Map<String, MemberProfile> read = new HashMap<>();
        BatchGets.get(ddb, table, ids.stream().map(MemberStore::profileKey).toList(), null, null, null)
                .forEach(i -> read.put(memberIdOf(i), profileOf(i)));
        // A batch answers in any order: keep the index's (newest first).
        List<MemberProfile> profiles = ids.stream().map(read::get).filter(p -> p != null).toList();
        return new Page<>(profiles, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null);
    }

    /** Many profiles by id (the member directory's page, its export): one batch read per 100, in the order asked; unknown ids are absent. */
    public List<MemberProfile> profiles(List<String> memberIds) {
        Map<String, MemberProfile> read = new HashMap<>();
        BatchGets.get(ddb, table, memberIds.stream().distinct().map(MemberStore::profileKey).toList(), null, null, null)
                .forEach(i -> read.put(memberIdOf(i), profileOf(i)));
        return memberIds.stream().map(read::get).filter(p -> p != null).toList();
    }

    /**
     * Every profile, a page at a time, for a rebuild of the member directory: one segment of a parallel Scan (the whole
     * table is read - profiles, ledgers, histories - and only profiles kept; a one-off cost, see docs/members.md).
     */
    public ProfileScan scanProfiles(int segment, int totalSegments, String after, int limit) {
        Map<String, AttributeValue> start = after == null ? null
                : Map.of("pk", s(after.substring(0, after.indexOf('\n'))), "sk", s(after.substring(after.indexOf('\n') + 1)));
        var page = ddb.scan(b -> b.tableName(table).segment(segment).totalSegments(totalSegments).exclusiveStartKey(start).limit(limit)
                .filterExpression("sk = :p").expressionAttributeValues(Map.of(":p", s(PROFILE))));
        Map<String, AttributeValue> last = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        return new ProfileScan(page.items().stream().map(MemberStore::profileOf).toList(),
                last == null ? null : last.get("pk").s() + "\n" + last.get("sk").s());
    }

    /** A page of a profile scan; {@code next} (opaque) goes on, null at the end of the segment. */
    public record ProfileScan(List<MemberProfile> profiles, String next) {
    }

    public record Page<T>(List<T> items, Map<String, AttributeValue> next) {
    }

    static Map<String, AttributeValue> profileKey(String memberId) {
        return Map.of("pk", s(MEMBER + memberId), "sk", s(PROFILE));
    }

    static String memberIdOf(Map<String, AttributeValue> profileItem) {
        return profileItem.get("pk").s().substring(MEMBER.length());
    }

    private static MemberProfile profileOf(Map<String, AttributeValue> item) {
        Map<String, ConsentState.Decision> consents = new HashMap<>();
        if (item.containsKey("consents")) {
            item.get("consents").m().forEach((purpose, d) -> consents.put(purpose, new ConsentState.Decision(d.m().get("granted").bool(),
                    Integer.parseInt(d.m().get("version").n()), Instant.parse(d.m().get("at").s()))));
        }
        return new MemberProfile(memberIdOf(item), MemberStatus.parse(item.get("status").s()), MemberKind.orMember(str(item, "kind")),
                str(item, "channel"), str(item, "region"), str(item, "locale"), Instant.parse(item.get("joinedAt").s()),
                str(item, "contactType"), str(item, "contactIndex"), str(item, "nicknameEnc"), str(item, "contactEnc"),
                str(item, "birthdayEnc"), str(item, "interestsEnc"), str(item, "guardianEnc"), str(item, "referralCode"),
                str(item, "tokenHash"), consents, item.containsKey("reconsent") ? item.get("reconsent").ss() : List.of(),
                Long.parseLong(item.get("revision").n()));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
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
        item.put("pk", s(MEMBER + e.memberId()));
        // Time first so the ledger reads in order; a random suffix keeps two decisions in one instant apart.
        item.put("sk", s("CONSENT#" + e.at() + "#" + e.purpose().key() + "#" + UUID.randomUUID().toString().substring(0, 8)));
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
