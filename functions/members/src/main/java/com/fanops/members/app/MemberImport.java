package com.fanops.members.app;

import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.ImportRow;
import com.fanops.members.domain.MemberJoined;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.store.MemberStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Bulk import of existing members with the consent evidence the brand holds. Each row is its own sign-up
 * transaction (contact claim included), so a re-run of the same file creates nothing twice and one bad
 * row never blocks the others. Rows run a few at a time: each is a handful of small writes.
 * A created member is announced by {@code MemberJoined} with the historical {@code joinedAt}, {@code kind} and
 * {@code imported=true}, staged in the row's transaction (transactional outbox): a re-run's duplicate rows fail
 * that transaction, so they announce nothing again.
 */
public final class MemberImport {

    public record RowResult(int line, String status, String memberId, String reason) {
    }

    private static final String SOURCE = "fanops.members";

    private final MemberStore members;
    private final FieldCipher cipher;
    private final EventOutbox outbox;

    public MemberImport(MemberStore members, FieldCipher cipher, EventOutbox outbox) {
        this.members = members;
        this.cipher = cipher;
        this.outbox = outbox;
    }

    public Map<String, Object> run(List<ImportRow> rows, String operator) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RowResult>> pending = new ArrayList<>();
            for (ImportRow row : rows) {
                pending.add(pool.submit(() -> one(row, operator)));
            }
            List<RowResult> results = new ArrayList<>();
            for (Future<RowResult> f : pending) {
                results.add(f.get());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("total", results.size());
            for (String status : List.of("created", "duplicate", "rejected")) {
                out.put(status, results.stream().filter(r -> r.status().equals(status)).count());
            }
            out.put("rows", results);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private RowResult one(ImportRow row, String operator) {
        if (row.problem() != null) {
            return new RowResult(row.line(), "rejected", null, row.problem());
        }
        String id = "m_" + UUID.randomUUID().toString().replace("-", "");
        List<ConsentEntry> ledger = new ArrayList<>();
        String proof = sha256("import:" + row.evidence());
        row.consents().forEach((purpose, evidence) -> ledger.add(new ConsentEntry(id, purpose, evidence.noticeVersion(), true,
                evidence.at(), 1, row.channel().key(), "zh-CN", proof, "import", operator, "evidence:" + row.evidence())));
        var staged = List.of(outbox.stage(SOURCE, new MemberJoined(id, row.channel().key(), "zh-CN", row.joinedAt(), null,
                row.kind().key(), true)));
        try {
            members.signUp(new MemberStore.NewMember(id, MemberStatus.ACTIVE, row.channel().key(), row.region(), "zh-CN", row.joinedAt(),
                    row.contact().type().name().toLowerCase(java.util.Locale.ROOT), cipher.blindIndex(row.contact().indexInput()),
                    cipher.encrypt(id, "nickname", row.nickname()), cipher.encrypt(id, "contact", row.contact().value()),
                    null, null, null, null, "", row.kind()), ledger, null, outbox.writes(staged));
            outbox.flush(staged);
            return new RowResult(row.line(), "created", id, null);
        } catch (MemberStore.DuplicateContactException e) {
            return new RowResult(row.line(), "duplicate", null, "this contact is already a member");
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
