package com.fanops.members.app;

import com.fanops.members.domain.Channel;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.ConsentState;
import com.fanops.members.domain.Contact;
import com.fanops.members.domain.DataRequest;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.StatusLine;
import com.fanops.members.store.DataRequestStore;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.MemberViews;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading members: operators' search and member record (what each role may see, every read audited), the member's own
 * consent view and export, the request queue. Nothing here changes a member.
 */
public final class MemberDirectory {

    private final MemberStore members;
    private final DataRequestStore requests;
    private final FieldCipher cipher;
    private final MemberViews views;
    private final AuditLog audit;
    private final Clock clock;

    public MemberDirectory(MemberStore members, DataRequestStore requests, FieldCipher cipher, AuditLog audit, Clock clock) {
        this.members = members;
        this.requests = requests;
        this.cipher = cipher;
        this.views = new MemberViews(cipher);
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * By contact (blind index; roles that see personal data only), by id, or by status (default active); then by channel.
     * The parameters come typed and bounded from the request ({@code ApiRequest}); an unknown contact or id finds nobody.
     */
    public List<Map<String, Object>> search(Caller caller, String contact, String id, MemberStatus status, Channel channel, int limit) {
        List<MemberProfile> found = new ArrayList<>();
        if (contact != null) {
            if (!caller.seesPersonalData()) {
                throw ProblemException.forbidden("Searching by contact needs a role that may see personal data.");
            }
            Contact normalised = contact.contains("@") ? Contact.email(contact) : Contact.phone(contact);
            if (normalised == null) {
                throw ProblemException.invalidField("contact", "is not a valid e-mail address or phone number");
            }
            members.memberIdByContact(cipher.blindIndex(normalised.indexInput())).flatMap(members::profile).ifPresent(found::add);
        } else if (id != null) {
            members.profile(id).ifPresent(found::add);
        } else {
            found.addAll(members.byStatus(status == null ? MemberStatus.ACTIVE : status, null, limit).items());
        }
        List<Map<String, Object>> out = found.stream().filter(p -> channel == null || channel.key().equals(p.channel()))
                .map(p -> views.forCaller(p, caller)).toList();
        audit.record(caller.username(), "members.search", "members", null);
        return out;
    }

    /** The member record: profile as the caller may see it, consent ledger, status history, data-subject requests. */
    public Map<String, Object> detail(Caller caller, String memberId) {
        MemberProfile profile = members.profile(memberId).orElseThrow(() -> ProblemException.notFound("Member"));
        Map<String, Object> out = new LinkedHashMap<>(views.forCaller(profile, caller));
        out.put("consentLedger", members.ledger(profile.memberId()));
        out.put("statusHistory", history(profile.memberId()));
        out.put("dataRequests", requests.ofMember(profile.memberId()));
        audit.record(caller.username(), "members.view", profile.memberId(), null);
        return out;
    }

    /** Everything held about the member, decrypted, for their own export request. */
    public Map<String, Object> export(MemberProfile profile, DataRequest request) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("request", request);
        export.put("member", views.full(profile));
        export.put("consentLedger", members.ledger(profile.memberId()));
        export.put("statusHistory", history(profile.memberId()));
        export.put("requests", requests.ofMember(profile.memberId()));
        return export;
    }

    /** The member's current consent per purpose and the ledger it is derived from. */
    public Map<String, Object> consents(String memberId) {
        List<ConsentEntry> ledger = members.ledger(memberId);
        Map<String, Object> state = new LinkedHashMap<>();
        ConsentState.derive(ledger).decisions().forEach((p, d) -> state.put(p.key(), d));
        return Map.of("memberId", memberId, "current", state, "ledger", ledger);
    }

    /** The request queue as operators see it: no correction values, an overdue flag. */
    public List<Map<String, Object>> queueLines(List<DataRequest> queue) {
        Instant now = clock.instant();
        return queue.stream().map(r -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> line = new LinkedHashMap<>(Json.mapper().convertValue(r, Map.class));
            line.remove("correctionsEnc");
            line.put("overdue", r.overdue(now));
            return (Map<String, Object>) line;
        }).toList();
    }

    private List<Map<String, String>> history(String memberId) {
        List<Map<String, String>> out = new ArrayList<>();
        for (StatusLine s : members.statusHistory(memberId)) {
            Map<String, String> line = new LinkedHashMap<>();
            line.put("from", s.from());
            line.put("to", s.to());
            line.put("reason", s.reason());
            if (s.evidence() != null) {
                line.put("evidence", s.evidence());
            }
            line.put("actor", s.actor());
            line.put("at", s.at().toString());
            out.add(line);
        }
        return out;
    }
}
