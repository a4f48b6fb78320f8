package com.fanops.members.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.input.Text;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One existing member from the brand's records, with the consent evidence the brand holds. Read by
 * {@link ImportFile} from JSON lines or CSV (header: nickname,email,phone,region,channel,joinedAt,evidence, then per purpose
 * {@code <purpose>_version,<purpose>_at}, and an optional {@code kind}: member (default), staff or test).
 * A row either parses or carries the reason it does not.
 */
public record ImportRow(int line, String nickname, Contact contact, String region, Channel channel, Instant joinedAt,
                        Map<Purpose, Evidence> consents, String evidence, MemberKind kind, String problem) {

    public record Evidence(int noticeVersion, Instant at) {
    }

    /** The JSON-lines shape. */
    record JsonRow(String nickname, String email, String phone, String region, String channel, String joinedAt, String evidence,
                   List<JsonConsent> consents, String kind) {
    }

    record JsonConsent(String purpose, Integer noticeVersion, String at) {
    }

    public static final int MAX_ROWS = 5000;

    /** Parses an import file (JSON lines, or CSV with a header row); see {@link ImportFile}. */
    public static List<ImportRow> parse(String body, boolean csv) {
        return ImportFile.parse(body, csv);
    }

    static ImportRow fromJson(int line, String text) {
        try {
            JsonRow r = Json.strict().readValue(text, JsonRow.class);
            if (r == null) {
                return rejected(line, "not a valid JSON row: must be a JSON object"); // the line "null"
            }
            Map<Purpose, Evidence> consents = new EnumMap<>(Purpose.class);
            for (JsonConsent c : r.consents() == null ? List.<JsonConsent>of() : r.consents()) {
                Purpose p = c.purpose() == null ? null : Purpose.of(c.purpose()).orElse(null);
                if (p == null || c.noticeVersion() == null || c.at() == null) {
                    return rejected(line, "consent needs a known purpose, noticeVersion and at");
                }
                consents.put(p, new Evidence(c.noticeVersion(), Instant.parse(c.at())));
            }
            return build(line, r.nickname(), r.email(), r.phone(), r.region(), r.channel(), r.joinedAt(), r.evidence(), consents, r.kind());
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    && m.getPath().get(0).getFieldName() != null ? m.getPath().get(0).getFieldName() + ": " : "";
            return rejected(line, "not a valid JSON row: " + field + e.getOriginalMessage().split("\n")[0].replaceAll("\\(.*", "").strip());
        } catch (DateTimeParseException e) {
            return rejected(line, "consent time must be ISO-8601, e.g. 2025-03-01T10:00:00Z");
        }
    }

    /** One CSV record under its header; a record with more or fewer cells than the header is rejected. */
    static ImportRow fromCells(int line, List<String> header, List<String> cells) {
        if (cells.size() != header.size()) {
            return rejected(line, "expected " + header.size() + " columns, found " + cells.size());
        }
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String cell = cells.get(i).strip();
            row.put(header.get(i), cell.isEmpty() ? null : cell);
        }
        Map<Purpose, Evidence> consents = new EnumMap<>(Purpose.class);
        try {
            for (Purpose p : Purpose.values()) {
                String version = row.get(p.key() + "_version");
                if (version != null) {
                    consents.put(p, new Evidence(Integer.parseInt(version), Instant.parse(row.get(p.key() + "_at"))));
                }
            }
        } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
            return rejected(line, "consent columns need a whole version and an ISO-8601 time");
        }
        return build(line, row.get("nickname"), row.get("email"), row.get("phone"), row.get("region"), row.get("channel"),
                row.get("joinedAt"), row.get("evidence"), consents, row.get("kind"));
    }

    private static ImportRow build(int line, String nickname, String email, String phone, String region, String channel, String joinedAt,
                                   String evidence, Map<Purpose, Evidence> consents, String kind) {
        // The sign-up's field rules, and the same text hygiene for what only imports carry (CSV cells skip the JSON reader).
        List<FieldError> errors = new ArrayList<>();
        String cleanNickname = MemberFields.nickname(errors, "nickname", nickname, true);
        String cleanRegion = MemberFields.region(errors, "region", region, true);
        String cleanEvidence = MemberFields.evidence(errors, "evidence", evidence, true);
        for (String other : new String[] {email, phone, channel, joinedAt, kind}) {
            if (other != null && Text.problem(other, false) != null) {
                errors.add(new FieldError("row", Text.problem(other, false)));
            }
        }
        if (!errors.isEmpty()) {
            FieldError first = errors.get(0);
            return rejected(line, first.field() + " " + first.message());
        }
        if ((email == null) == (phone == null)) {
            return rejected(line, "give exactly one of email or phone");
        }
        Contact contact = email != null ? Contact.email(email) : Contact.phone(phone);
        if (contact == null) {
            return rejected(line, email != null ? "email is not valid" : "phone is not valid");
        }
        Channel ch = channel == null ? Channel.IMPORT : Channel.of(channel).orElse(null);
        if (ch == null) {
            return rejected(line, "unknown channel " + channel);
        }
        Instant joined;
        try {
            joined = Instant.parse(joinedAt);
        } catch (DateTimeParseException | NullPointerException e) {
            return rejected(line, "joinedAt must be an ISO-8601 time");
        }
        Evidence membership = consents.get(Purpose.MEMBERSHIP);
        if (membership == null) {
            return rejected(line, "no evidence of consent to the membership terms");
        }
        MemberKind k = kind == null ? MemberKind.MEMBER : MemberKind.of(kind.strip()).orElse(null);
        if (k == null) {
            return rejected(line, "kind must be member, staff or test");
        }
        return new ImportRow(line, cleanNickname, contact, cleanRegion, ch, joined, consents, cleanEvidence, k, null);
    }

    static ImportRow rejected(int line, String why) {
        return new ImportRow(line, null, null, null, null, null, Map.of(), null, null, why);
    }
}
