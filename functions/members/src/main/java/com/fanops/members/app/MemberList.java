package com.fanops.members.app;

import com.fanops.members.domain.DirectoryEntry;
import com.fanops.members.domain.DirectoryQuery;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.log.Log;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The member list operators browse and export: the member directory filtered and ordered, a bounded page at a time, with
 * the personal data each role may see (analysts none; agents the nickname and a masked contact; managers and admins
 * the nickname and the contact decrypted - in the list only: an export file leaves the dashboard's access control, so
 * it never carries a plaintext contact). Every list and export is audited; an export with its purpose.
 */
public final class MemberList {

    /** Why an export is made: a code from this list, recorded in the audit line (never free text). */
    public static final List<String> PURPOSES = List.of("analysis", "campaign", "service", "compliance");
    /** At most this many rows per export file; the answer says when a filter matched more. */
    public static final int MAX_EXPORT_ROWS = 10_000;
    /** Directory items an export reads at most (a rare filter stops here rather than reading the whole community). */
    public static final int MAX_EXPORT_READ = 200_000;
    private static final int EXPORT_PAGE = 200;

    /** An export file and what it holds. */
    public record Export(String csv, int rows, boolean truncated) {
    }

    private final MemberDirectoryStore directory;
    private final MemberStore members;
    private final FieldCipher cipher;
    private final AuditLog audit;

    public MemberList(MemberDirectoryStore directory, MemberStore members, FieldCipher cipher, AuditLog audit) {
        this.directory = directory;
        this.members = members;
        this.cipher = cipher;
        this.audit = audit;
    }

    /** One page: {@code members}, {@code next} (a cursor, absent at the end) and {@code read} (directory items read for it). */
    public Map<String, Object> page(Caller caller, DirectoryQuery query, String cursor, int limit) {
        MemberDirectoryStore.Page page = directory.page(query, MemberDirectoryStore.after(query, cursor), limit);
        Map<String, MemberProfile> profiles = profilesFor(caller, page.entries());
        List<Map<String, Object>> rows = page.entries().stream().map(e -> row(e, profiles.get(e.memberId()), caller, false)).toList();
        audit.record(caller.username(), "members.list", "members", null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("members", rows);
        if (page.after() != null) {
            out.put("next", MemberDirectoryStore.cursor(query, page.after()));
        }
        out.put("read", page.read());
        return out;
    }

    /** The CSV file (RFC 4180, UTF-8 with a byte order mark, CRLF) of up to {@link #MAX_EXPORT_ROWS} matching members. */
    public Export export(Caller caller, DirectoryQuery query, String purpose) {
        if (purpose == null || !PURPOSES.contains(purpose)) {
            throw ProblemException.invalidField("purpose", "must be one of " + String.join(", ", PURPOSES));
        }
        boolean personal = caller.has(Role.ADMIN) || caller.has(Role.MANAGER) || caller.has(Role.AGENT);
        List<Map<String, Object>> rows = new ArrayList<>();
        String after = null;
        int read = 0;
        boolean more;
        do {
            MemberDirectoryStore.Page page = directory.page(query, after, Math.min(EXPORT_PAGE, MAX_EXPORT_ROWS - rows.size()));
            Map<String, MemberProfile> profiles = profilesFor(caller, page.entries());
            page.entries().forEach(e -> rows.add(row(e, profiles.get(e.memberId()), caller, true)));
            read += page.read();
            after = page.after();
            more = after != null;
        } while (more && rows.size() < MAX_EXPORT_ROWS && read < MAX_EXPORT_READ);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        List.of("memberId", "status", "kind", "channel", "joinedAt", "tier", "category", "score", "scoreOn", "dormant", "lastActiveDay",
                "marketing").forEach(schema::addColumn);
        if (personal) {
            schema.addColumn("nickname").addColumn("contact");
        }
        String csv;
        try {
            csv = "\uFEFF" + new CsvMapper().writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        audit.record(caller.username(), "members.export", "members", "purpose=" + purpose + " rows=" + rows.size());
        return new Export(csv, rows.size(), more);
    }

    private Map<String, MemberProfile> profilesFor(Caller caller, List<DirectoryEntry> entries) {
        if (!caller.seesPersonalData()) {
            return Map.of();
        }
        return members.profiles(entries.stream().map(DirectoryEntry::memberId).toList()).stream()
                .collect(Collectors.toMap(MemberProfile::memberId, Function.identity()));
    }

    private Map<String, Object> row(DirectoryEntry e, MemberProfile p, Caller caller, boolean file) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("memberId", e.memberId());
        row.put("status", e.status());
        row.put("kind", e.kind());
        row.put("channel", e.channel());
        row.put("joinedAt", e.joinedAt().toString());
        row.put("tier", e.tier());
        row.put("category", e.category());
        row.put("score", e.score());
        row.put("scoreOn", e.scoreOn() == null ? null : e.scoreOn().toString());
        row.put("dormant", e.dormant());
        row.put("lastActiveDay", e.lastActiveDay() == null ? null : e.lastActiveDay().toString());
        row.put("marketing", e.marketing());
        boolean decrypted = caller.has(Role.ADMIN) || caller.has(Role.MANAGER);
        if (p != null && (decrypted || caller.has(Role.AGENT))) {
            String nickname = p.nicknameEnc() == null ? null : cipher.decrypt(p.memberId(), "nickname", p.nicknameEnc());
            String contact = p.contactEnc() == null ? null : cipher.decrypt(p.memberId(), "contact", p.contactEnc());
            row.put("nickname", file ? cell(nickname) : nickname);
            row.put("contact", decrypted && !file ? contact : contact == null ? null : Log.mask(contact));
        }
        return row;
    }

    /** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is written as text. */
    private static String cell(String value) {
        return value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
