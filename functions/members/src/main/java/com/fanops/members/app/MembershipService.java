package com.fanops.members.app;

import com.fanops.members.domain.ConsentChanged;
import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.ConsentReceipt;
import com.fanops.members.domain.ConsentState;
import com.fanops.members.domain.Corrections;
import com.fanops.members.domain.DataRequest;
import com.fanops.members.domain.DataRequestUpdated;
import com.fanops.members.domain.MemberErased;
import com.fanops.members.domain.MemberFields;
import com.fanops.members.domain.MemberJoined;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.MemberStatusChanged;
import com.fanops.members.domain.MemberToken;
import com.fanops.members.domain.Notice;
import com.fanops.members.domain.Purpose;
import com.fanops.members.domain.SignUp;
import com.fanops.members.domain.SignUpRequest;
import com.fanops.members.store.DataRequestStore;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.NoticeStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A membership after sign-up: admission (approve, reject), warn, mute, remove and restore with reason and evidence,
 * leaving, consent changes (by the member, or recorded by an operator), and data-subject requests - filed by the member,
 * decided by an operator, who completing one carries it out (a correction is applied; an erasure removes the personal
 * data and closes the member's other open requests). Which status change is allowed is {@link MemberStatus}'s decision.
 * Every change is one transaction with the events announcing it (outbox); operators' changes are audited.
 */
public final class MembershipService {

    private static final String SOURCE = SignUpService.SOURCE;
    /** How long a consent change's Idempotency-Key is remembered. */
    public static final Duration CONSENT_KEY_LIFETIME = Duration.ofHours(24);

    private final MemberStore members;
    private final DataRequestStore requests;
    private final NoticeStore notices;
    private final FieldCipher cipher;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration requestDeadline;
    private final MemberLimits limits;

    /** For operators' use: no abuse limits. */
    public MembershipService(MemberStore members, DataRequestStore requests, NoticeStore notices, FieldCipher cipher, EventOutbox outbox,
                             AuditLog audit, Clock clock, ZoneId zone, Duration requestDeadline) {
        this(members, requests, notices, cipher, outbox, audit, clock, zone, requestDeadline, null);
    }

    /** For members' own use through the public API: {@code limits} count their consent changes and requests. */
    public MembershipService(MemberStore members, DataRequestStore requests, NoticeStore notices, FieldCipher cipher, EventOutbox outbox,
                             AuditLog audit, Clock clock, ZoneId zone, Duration requestDeadline, MemberLimits limits) {
        this.members = members;
        this.requests = requests;
        this.notices = notices;
        this.cipher = cipher;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
        this.requestDeadline = requestDeadline;
        this.limits = limits;
    }

    /** The member behind a bearer token; unknown members look exactly like wrong tokens. */
    public MemberProfile authorise(String memberId, String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        var profile = members.profile(memberId);
        if (token == null || profile.isEmpty() || !MemberToken.matches(token, profile.get().tokenHash())) {
            throw ProblemException.unauthorized("Use the member link you received at sign-up.");
        }
        return profile.get();
    }

    public MemberProfile profile(String memberId) {
        return members.profile(memberId).orElseThrow(() -> ProblemException.notFound("Member"));
    }

    // ------------------------------------------------------------------ status

    /** An operator's action; answers the new status. */
    public MemberStatus changeStatus(String actor, String memberId, String actionKey, String reason, String evidence) {
        List<FieldError> errors = new ArrayList<>();
        MemberStatus.Action action = actionKey == null ? null : MemberStatus.Action.of(actionKey).orElse(null);
        if (action == null) {
            errors.add(new FieldError("action", "must be one of approve, reject, warn, mute, remove, restore"));
        }
        String why = MemberFields.reason(errors, "reason", reason, true);
        String proof = MemberFields.evidence(errors, "evidence", evidence, false);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        MemberProfile profile = profile(memberId);
        MemberStatus to;
        try {
            to = profile.status().apply(action);
        } catch (MemberStatus.TransitionRefused refused) {
            throw switch (refused.refusal()) {
                case ENDED -> ended(profile);
                case AWAITS_ADMISSION -> ProblemException.conflict("wrong-status", "Not possible now",
                        "The member awaits admission: approve or reject first.");
                case NOT_PENDING -> ProblemException.conflict("wrong-status", "Not possible now",
                        "Only pending members can be approved or rejected.");
            };
        }
        Instant now = clock.instant();
        List<EventOutbox.Staged> staged = new ArrayList<>();
        staged.add(outbox.stage(SOURCE, new MemberStatusChanged(profile.memberId(), profile.status().key(), to.key(), now, actor)));
        if (action == MemberStatus.Action.APPROVE) {
            staged.add(outbox.stage(SOURCE, new MemberJoined(profile.memberId(), profile.channel(), profile.locale(), now,
                    profile.referralCode(), profile.kind().key(), false)));
        }
        try {
            members.changeStatus(profile, to, why, proof, actor, now, outbox.writes(staged));
        } catch (MemberStore.ConcurrentChangeException e) {
            throw ProblemException.conflict("concurrent-change", "Changed meanwhile", "Reload the member and try again.");
        }
        outbox.flush(staged);
        audit.record(actor, "members.status." + action.key(), profile.memberId(), why);
        return to;
    }

    /** The member ends their membership. */
    public MemberStatus leave(MemberProfile profile) {
        if (!profile.status().canLeave()) {
            throw ProblemException.conflict("not-a-member", "Not a member", "This membership has already ended.");
        }
        Instant now = clock.instant();
        var staged = List.of(outbox.stage(SOURCE, new MemberStatusChanged(profile.memberId(), profile.status().key(),
                MemberStatus.LEFT.key(), now, "member")));
        try {
            members.changeStatus(profile, MemberStatus.LEFT, "member left", null, "member", now, outbox.writes(staged));
        } catch (MemberStore.ConcurrentChangeException e) {
            throw ProblemException.conflict("concurrent-change", "Changed meanwhile", "Reload and try again.");
        }
        outbox.flush(staged);
        return MemberStatus.LEFT;
    }

    private static ProblemException ended(MemberProfile profile) {
        return ProblemException.conflict("membership-ended", "Membership ended", "The member has " + profile.status().key() + ".");
    }

    // ------------------------------------------------------------------ consent

    /**
     * The member's own decisions against the current notices (the body is read once the membership is known to allow it).
     * With an {@code Idempotency-Key} (kept {@link #CONSENT_KEY_LIFETIME}) a retry of the same body changes nothing, another
     * body is {@code 422 idempotency-key-reused}. A decision equal to the one in force writes no ledger line.
     */
    public void changeConsents(MemberProfile profile, Supplier<List<SignUpRequest.ConsentDecision>> body, String sourceIp, String client,
                               String idempotencyKey) {
        SignUpService.checkKey(idempotencyKey);
        if (!profile.status().canChangeConsent()) {
            throw ProblemException.conflict("not-a-member", "Not a member", "This membership has ended; there is nothing to consent to.");
        }
        List<SignUpRequest.ConsentDecision> given = body.get();
        Instant now = clock.instant();
        ConsentReceipt receipt = null;
        if (idempotencyKey != null) {
            receipt = new ConsentReceipt(MemberToken.sha256("consents:" + profile.memberId() + ":" + idempotencyKey),
                    MemberToken.sha256(json(given)), now, now.plus(CONSENT_KEY_LIFETIME));
            if (replayed(receipt)) {
                return;
            }
        }
        Map<Purpose, SignUpRequest.ConsentDecision> decisions = consentDecisions(given);
        Map<Purpose, Notice> current = notices.current();
        SignUp.checkVersions(decisions, current);
        if (limits != null) {
            limits.consentChange(client, profile);
        }
        List<ConsentEntry> entries = new ArrayList<>();
        decisions.forEach((purpose, d) -> {
            ConsentState.Decision inForce = profile.consents().get(purpose.key());
            if (inForce == null || inForce.granted() != d.granted() || inForce.noticeVersion() != d.noticeVersion()) {
                entries.add(new ConsentEntry(profile.memberId(), purpose, d.noticeVersion(), d.granted(), now, profile.revision() + 1,
                        profile.channel(), profile.locale(), current.get(purpose).proofHash(profile.locale()), "member", "member",
                        "ip:" + cipher.blindIndex("ip:" + sourceIp)));
            }
        });
        List<EventOutbox.Staged> staged = entries.stream().map(e -> outbox.stage(SOURCE, new ConsentChanged(e.memberId(),
                e.purpose().key(), e.granted(), e.noticeVersion(), e.at(), "member"))).toList();
        try {
            if (entries.isEmpty()) {
                if (receipt != null) {
                    members.recordConsentReceipt(receipt);
                }
                return;
            }
            members.recordConsents(profile, entries, outbox.writes(staged), receipt);
        } catch (MemberStore.ReceiptTakenException e) {
            // A concurrent retry with the same key committed first: same body, same answer; another body, refused.
            if (replayed(receipt)) {
                return;
            }
            throw ProblemException.conflict("concurrent-change", "Changed meanwhile", "Your consent changed meanwhile; reload and try again.");
        } catch (MemberStore.ConcurrentChangeException e) {
            throw ProblemException.conflict("concurrent-change", "Changed meanwhile", "Your consent changed meanwhile; reload and try again.");
        }
        outbox.flush(staged);
    }

    /** True when this key was used before with the same body; a 422 when with another. */
    private boolean replayed(ConsentReceipt receipt) {
        Optional<ConsentReceipt> earlier = members.consentReceipt(receipt.keyHash(), receipt.createdAt());
        if (earlier.isEmpty()) {
            return false;
        }
        if (!earlier.get().bodyHash().equals(receipt.bodyHash())) {
            throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency key already used",
                    "This Idempotency-Key was sent with other decisions; use a new key for a new change.");
        }
        return true;
    }

    private static Map<Purpose, SignUpRequest.ConsentDecision> consentDecisions(List<SignUpRequest.ConsentDecision> given) {
        if (given == null || given.isEmpty()) {
            throw ProblemException.invalidField("decisions", "at least one decision is required");
        }
        Map<Purpose, SignUpRequest.ConsentDecision> decisions = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            SignUpRequest.ConsentDecision d = given.get(i);
            Purpose purpose = d == null || d.purpose() == null ? null : Purpose.of(d.purpose()).orElse(null);
            if (purpose == null) {
                errors.add(new FieldError("decisions[" + i + "].purpose", "must be one of membership, marketing, personalisation"));
            } else if (purpose == Purpose.MEMBERSHIP && Boolean.FALSE.equals(d.granted())) {
                errors.add(new FieldError("decisions[" + i + "].purpose", "withdrawing membership consent is leaving: use /leave"));
            } else if (d.granted() == null || d.noticeVersion() == null) {
                errors.add(new FieldError("decisions[" + i + "]", "granted and noticeVersion are required"));
            } else {
                decisions.put(purpose, d);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return decisions;
    }

    /**
     * The member withdraws marketing consent with one click (a message's unsubscribe link): one ledger entry against the
     * current marketing notice, actor {@code member}, only while marketing is granted. True when an entry was recorded now;
     * false when there was nothing to withdraw (already withdrawn, never granted, membership ended, unknown member). Two
     * clicks at once: the loser's revision check fails, it reads again and finds nothing left to withdraw.
     */
    public boolean unsubscribe(String memberId, String source) {
        for (int attempt = 0; ; attempt++) {
            Optional<MemberProfile> found = members.profile(memberId);
            if (found.isEmpty() || !found.get().status().canChangeConsent()) {
                return false;
            }
            MemberProfile profile = found.get();
            ConsentState.Decision inForce = profile.consents().get(Purpose.MARKETING.key());
            if (inForce == null || !inForce.granted()) {
                return false;
            }
            Notice notice = notices.current().get(Purpose.MARKETING);
            Instant now = clock.instant();
            ConsentEntry entry = new ConsentEntry(profile.memberId(), Purpose.MARKETING, notice.version(), false, now,
                    profile.revision() + 1, profile.channel(), profile.locale(), notice.proofHash(profile.locale()), source, "member", null);
            var staged = List.of(outbox.stage(SOURCE, new ConsentChanged(profile.memberId(), Purpose.MARKETING.key(), false,
                    notice.version(), now, "member")));
            try {
                members.recordConsents(profile, List.of(entry), outbox.writes(staged));
            } catch (MemberStore.ConcurrentChangeException e) {
                if (attempt >= 2) {
                    throw ProblemException.conflict("concurrent-change", "Changed meanwhile", "Your consent changed meanwhile; try again.");
                }
                continue;
            }
            outbox.flush(staged);
            return true;
        }
    }

    /** A withdrawal (or grant) the member gave another way - by phone, in a store - recorded by an operator. */
    public void recordForMember(String actor, String memberId, String purposeKey, Boolean granted, String reason) {
        Purpose purpose = purposeKey == null ? null : Purpose.of(purposeKey).orElse(null);
        if (purpose == null || purpose == Purpose.MEMBERSHIP) {
            throw ProblemException.invalidField("purpose", "must be marketing or personalisation");
        }
        List<FieldError> errors = new ArrayList<>();
        if (granted == null) {
            errors.add(new FieldError("granted", "is required"));
        }
        String why = MemberFields.reason(errors, "reason", reason, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        MemberProfile profile = profile(memberId);
        if (!profile.status().canChangeConsent()) {
            throw ended(profile);
        }
        Notice notice = notices.current().get(purpose);
        Instant now = clock.instant();
        ConsentEntry entry = new ConsentEntry(profile.memberId(), purpose, notice.version(), granted, now, profile.revision() + 1,
                profile.channel(), profile.locale(), notice.proofHash(profile.locale()), "operator", actor, null);
        var staged = List.of(outbox.stage(SOURCE, new ConsentChanged(profile.memberId(), purpose.key(), granted, notice.version(),
                now, "operator")));
        try {
            members.recordConsents(profile, List.of(entry), outbox.writes(staged));
        } catch (MemberStore.ConcurrentChangeException e) {
            throw ProblemException.conflict("concurrent-change", "Changed meanwhile", "Reload the member and try again.");
        }
        outbox.flush(staged);
        audit.record(actor, "members.consent." + (granted ? "grant" : "withdraw"), profile.memberId(), why);
    }

    // ------------------------------------------------------------------ data-subject requests

    /**
     * Export is completed at once (the caller answers with everything held); correction and erasure wait for an operator.
     * While an erasure, or a correction with the same changes, is open, filing it again answers the open one and writes
     * nothing (its claim is taken in the filing transaction, so concurrent duplicates merge too).
     */
    public DataRequest file(MemberProfile profile, String typeKey, Corrections corrections, String client) {
        var type = typeKey == null ? null : DataRequest.Type.of(typeKey).orElse(null);
        if (type == null) {
            throw ProblemException.invalidField("type", "must be export, correction or erasure");
        }
        Instant now = clock.instant();
        String correctionsEnc = null;
        String fingerprint = type == DataRequest.Type.ERASURE ? "erasure" : null;
        if (type == DataRequest.Type.CORRECTION) {
            if (corrections == null) {
                throw ProblemException.invalidField("corrections", "is required for a correction");
            }
            Corrections clean = corrections.validate(LocalDate.now(clock.withZone(zone)));
            correctionsEnc = cipher.encrypt(profile.memberId(), "corrections", json(clean));
            // A keyed hash: the changes themselves are personal data.
            fingerprint = "correction:" + cipher.blindIndex("corrections:" + profile.memberId() + ":" + json(clean));
        } else if (corrections != null) {
            throw ProblemException.invalidField("corrections", "only for a correction");
        }
        if (fingerprint != null) {
            Optional<DataRequest> open = requests.openWith(profile.memberId(), fingerprint);
            if (open.isPresent()) {
                return open.get();
            }
        }
        if (limits != null) {
            limits.dataRequest(client, profile);
        }
        var request = DataRequest.file(profile.memberId(), type, now, requestDeadline, correctionsEnc);
        if (type == DataRequest.Type.EXPORT) {
            request = request.decide(DataRequest.Status.COMPLETED, "member", null, now);
            requests.save(request, null);
            return request;
        }
        try {
            requests.fileOpen(request, fingerprint);
        } catch (DataRequestStore.AlreadyOpenException e) {
            return requests.find(e.requestId()).orElseThrow(() -> ProblemException.conflict("concurrent-change", "Changed meanwhile",
                    "Send the request again."));
        }
        announce(request, now);
        return request;
    }

    public DataRequest request(MemberProfile profile, String requestId) {
        return requests.find(requestId).filter(r -> r.memberId().equals(profile.memberId()))
                .orElseThrow(() -> ProblemException.notFound("Request"));
    }

    /** The open (or decided) requests, soonest deadline first. */
    public List<DataRequest> queue(DataRequest.Status status) {
        return requests.queue(status == null ? DataRequest.Status.OPEN : status, 100);
    }

    /** An operator completes or refuses a request; completing carries it out. */
    public DataRequest decide(String actor, String requestId, String decision, String reason) {
        List<FieldError> errors = new ArrayList<>();
        if (!"complete".equals(decision) && !"refuse".equals(decision)) {
            errors.add(new FieldError("decision", "must be complete or refuse"));
        }
        reason = MemberFields.reason(errors, "reason", reason, false);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        DataRequest request = requests.find(requestId).orElseThrow(() -> ProblemException.notFound("Request"));
        Instant now = clock.instant();
        DataRequest decided;
        try {
            decided = request.decide("complete".equals(decision) ? DataRequest.Status.COMPLETED : DataRequest.Status.REFUSED,
                    actor, reason, now);
        } catch (IllegalStateException e) {
            throw ProblemException.conflict("already-decided", "Already decided", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("reason", "a refusal needs a reason");
        }
        if (decided.status() == DataRequest.Status.COMPLETED) {
            carryOut(request, actor, now);
        }
        requests.save(decided, DataRequest.Status.OPEN);
        announce(decided, now);
        audit.record(actor, "requests." + decision + "." + request.type().name().toLowerCase(Locale.ROOT), request.requestId(), reason);
        return decided;
    }

    /** Tells the member (through messaging) that their request was received or decided; an erased member is told nothing. */
    private void announce(DataRequest request, Instant now) {
        outbox.publishAlone(outbox.stage(SOURCE, DataRequestUpdated.of(request, now)));
    }

    private void carryOut(DataRequest request, String actor, Instant now) {
        MemberProfile profile = profile(request.memberId());
        switch (request.type()) {
            case ERASURE -> erase(profile, request, actor, now);
            case CORRECTION -> correct(profile, request);
            case EXPORT -> {
                // Exports are answered to the member at once; nothing to carry out here.
            }
        }
    }

    /** The erasure cascade: personal data, token and contact claim go; the member's other open requests are closed. */
    private void erase(MemberProfile profile, DataRequest request, String actor, Instant now) {
        if (profile.status() == MemberStatus.ERASED) {
            return;
        }
        var staged = List.of(
                outbox.stage(SOURCE, new MemberStatusChanged(profile.memberId(), profile.status().key(), MemberStatus.ERASED.key(), now, actor)),
                outbox.stage(SOURCE, new MemberErased(profile.memberId(), now)));
        members.erase(profile, actor, now, outbox.writes(staged));
        outbox.flush(staged);
        // Other open requests may hold personal data (a correction's new values): close them, which drops it.
        for (DataRequest other : requests.ofMember(profile.memberId())) {
            if (!other.requestId().equals(request.requestId()) && other.status() == DataRequest.Status.OPEN) {
                requests.save(other.decide(DataRequest.Status.REFUSED, actor, "the member's data was erased", now), DataRequest.Status.OPEN);
            }
        }
    }

    private void correct(MemberProfile profile, DataRequest request) {
        Corrections c;
        try {
            c = Json.mapper().readValue(cipher.decrypt(profile.memberId(), "corrections", request.correctionsEnc()), Corrections.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored corrections unreadable", e);
        }
        members.correct(profile,
                c.nickname() == null ? null : cipher.encrypt(profile.memberId(), "nickname", c.nickname().strip()),
                c.region() == null ? null : c.region().strip(),
                c.birthday() == null ? null : cipher.encrypt(profile.memberId(), "birthday", c.birthday().toString()),
                c.interests() == null ? null : cipher.encrypt(profile.memberId(), "interests", String.join("\n", c.interests())));
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
