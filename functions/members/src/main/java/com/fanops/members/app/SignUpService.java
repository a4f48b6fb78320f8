package com.fanops.members.app;

import com.fanops.members.domain.ConsentEntry;
import com.fanops.members.domain.MemberJoined;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.MemberToken;
import com.fanops.members.domain.Notice;
import com.fanops.members.domain.Purpose;
import com.fanops.members.domain.SignUp;
import com.fanops.members.domain.SignUpReceipt;
import com.fanops.members.domain.SignUpRequest;
import com.fanops.members.store.MemberSettingsStore;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.NoticeStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.json.Json;
import com.fanops.platform.limits.ProofOfWork;
import com.fanops.platform.log.Log;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A public sign-up: the form's rules, then one transaction (contact claim, profile, ledger, first status, the
 * {@code MemberJoined} event when no admission review holds it, and the receipt of an {@code Idempotency-Key}).
 * A retry with the same key and body gets the first answer - same member, same token - and creates nothing; the same key
 * with another body is refused. The receipt is written in the sign-up's transaction, so neither exists without the other.
 */
public final class SignUpService {

    public static final String SOURCE = "fanops.members";
    /** Printable ASCII, 1 to 128 characters (what clients send: a UUID, a ULID, a hash). */
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7e]{1,128}");
    private static final Log LOG = Log.get(SignUpService.class);

    /** The first answer to a sign-up (or its replay: {@code replayed} is true). */
    public record Result(String memberId, MemberStatus status, String memberToken, boolean replayed) {
    }

    private final MemberStore members;
    private final NoticeStore notices;
    private final MemberSettingsStore settings;
    private final FieldCipher cipher;
    private final EventOutbox outbox;
    private final Clock clock;
    private final ZoneId zone;
    private final int minorAge;
    private final Duration keyLifetime;
    private final MemberLimits limits;
    private final ProofOfWork challenge;

    /** {@code challenge} null: the deployment asks for no proof of work. */
    public SignUpService(MemberStore members, NoticeStore notices, MemberSettingsStore settings, FieldCipher cipher, EventOutbox outbox,
                         Clock clock, ZoneId zone, int minorAge, Duration keyLifetime, MemberLimits limits, ProofOfWork challenge) {
        this.members = members;
        this.notices = notices;
        this.settings = settings;
        this.cipher = cipher;
        this.outbox = outbox;
        this.clock = clock;
        this.zone = zone;
        this.minorAge = minorAge;
        this.keyLifetime = keyLifetime;
        this.limits = limits;
        this.challenge = challenge;
    }

    /** Whether sign-ups must carry a solved challenge ({@code GET /v1/challenge}). */
    public Optional<ProofOfWork.Challenge> challenge() {
        return challenge == null ? Optional.empty() : Optional.of(challenge.issue());
    }

    /** Checks an {@code Idempotency-Key} header (null: none sent). */
    public static void checkKey(String idempotencyKey) {
        if (idempotencyKey != null && (!KEY.matcher(idempotencyKey).matches() || idempotencyKey.isBlank())) {
            throw ProblemException.invalidField("Idempotency-Key", "must be 1 to 128 printable ASCII characters");
        }
    }

    /**
     * Order matters: a replay answers first (it needs no new proof and creates nothing); then the proof of work is checked,
     * the form validated, the client and contact limits counted, the proof spent - each refusal before any write.
     */
    public Result signUp(SignUpRequest body, String idempotencyKey, String sourceIp, String client, String solution) {
        checkKey(idempotencyKey);
        String keyHash = idempotencyKey == null ? null : MemberToken.sha256("signup:" + idempotencyKey);
        String bodyHash = idempotencyKey == null ? null : MemberToken.sha256(canonical(body));
        if (keyHash != null) {
            Optional<Result> earlier = replay(keyHash, bodyHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        ProofOfWork.Solved solved = challenge == null ? null : challenge.check(solution);
        Map<Purpose, Notice> current = notices.current();
        SignUp.Valid valid = SignUp.validate(body, current, clock, zone, minorAge);
        String contactIndex = cipher.blindIndex(valid.contact().indexInput());
        limits.signUp(client, contactIndex);
        if (solved != null) {
            challenge.spend(solved);
        }
        String memberId = "m_" + UUID.randomUUID().toString().replace("-", "");
        // With admission review on, a new member waits for an operator; MemberJoined comes with the approval.
        MemberStatus status = settings.current().review() ? MemberStatus.PENDING : MemberStatus.ACTIVE;
        String token = MemberToken.newToken();
        Instant now = clock.instant();
        List<ConsentEntry> ledger = new ArrayList<>();
        String origin = "ip:" + cipher.blindIndex("ip:" + sourceIp);
        valid.decisions().forEach((purpose, d) -> ledger.add(new ConsentEntry(memberId, purpose, d.noticeVersion(), d.granted(), now, 1,
                valid.channel().key(), valid.locale(), current.get(purpose).proofHash(valid.locale()), "form", "member", origin)));
        if (valid.minor()) {
            // The guardian's consent to membership, recorded as its own ledger line.
            ledger.add(new ConsentEntry(memberId, Purpose.MEMBERSHIP, current.get(Purpose.MEMBERSHIP).version(), true, now, 1,
                    valid.channel().key(), valid.locale(), current.get(Purpose.MEMBERSHIP).proofHash(valid.locale()), "form",
                    "guardian", origin));
        }
        List<EventOutbox.Staged> staged = status == MemberStatus.ACTIVE
                ? List.of(outbox.stage(SOURCE, new MemberJoined(memberId, valid.channel().key(), valid.locale(), now, body.referralCode())))
                : List.of();
        SignUpReceipt receipt = keyHash == null ? null : new SignUpReceipt(keyHash, bodyHash, memberId, status,
                cipher.encrypt(memberId, "memberToken", token), now, now.plus(keyLifetime));
        try {
            members.signUp(new MemberStore.NewMember(memberId, status, valid.channel().key(), body.region().strip(), valid.locale(), now,
                    valid.contact().type().name().toLowerCase(Locale.ROOT), contactIndex,
                    cipher.encrypt(memberId, "nickname", body.nickname().strip()), cipher.encrypt(memberId, "contact", valid.contact().value()),
                    body.birthday() == null ? null : cipher.encrypt(memberId, "birthday", body.birthday().toString()),
                    body.interests() == null ? null : cipher.encrypt(memberId, "interests", String.join("\n", body.interests())),
                    valid.guardianContact() == null ? null : cipher.encrypt(memberId, "guardian",
                            body.guardian().name().strip() + "\n" + valid.guardianContact().value()),
                    body.referralCode(), MemberToken.sha256(token)), ledger, receipt, outbox.writes(staged));
        } catch (MemberStore.ReceiptTakenException e) {
            // A concurrent retry of this sign-up committed first: its answer is ours.
            return replay(keyHash, bodyHash).orElseThrow(() -> ProblemException.conflict("concurrent-change", "Changed meanwhile",
                    "Send the sign-up again."));
        } catch (MemberStore.DuplicateContactException e) {
            throw ProblemException.conflict("duplicate-contact", "Cannot sign up with this contact",
                    "This contact cannot be used for a new membership. If you are already a member, use your member link instead.");
        }
        outbox.flush(staged);
        LOG.info("member signed up", "memberId", memberId, "channel", valid.channel().key(), "minor", valid.minor(), "status", status.key());
        return new Result(memberId, status, token, false);
    }

    private Optional<Result> replay(String keyHash, String bodyHash) {
        Optional<SignUpReceipt> receipt = members.receipt(keyHash, clock.instant());
        if (receipt.isEmpty()) {
            return Optional.empty();
        }
        SignUpReceipt r = receipt.get();
        if (!r.bodyHash().equals(bodyHash)) {
            throw ProblemException.unprocessable("idempotency-key-reused", "Idempotency key already used",
                    "This Idempotency-Key was sent with a different sign-up; use a new key for a new sign-up.");
        }
        LOG.info("sign-up replayed", "memberId", r.memberId());
        return Optional.of(new Result(r.memberId(), r.status(), cipher.decrypt(r.memberId(), "memberToken", r.tokenEnc()), true));
    }

    /** The body as the strict reader understood it, written back in one fixed order: spacing and key order do not matter. */
    private static String canonical(SignUpRequest body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
