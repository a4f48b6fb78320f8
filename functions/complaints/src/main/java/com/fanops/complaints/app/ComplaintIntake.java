package com.fanops.complaints.app;

import com.fanops.complaints.domain.ComplaintForm;
import com.fanops.complaints.domain.ComplaintIds;
import com.fanops.complaints.domain.Submission;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.domain.MemberToken;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.limits.RateLimit;
import com.fanops.platform.limits.RateLimiter;
import com.fanops.platform.log.Log;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The public side of intake: checks the form (every fault one 400 naming the field), proves a member's token when one
 * is given, counts the abuse limits, encrypts the personal data under the ticket's id and leaves the submission on the
 * queue. Nothing is written for bad input; the ticket number is given by the intake function.
 */
public final class ComplaintIntake {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Log LOG = Log.get(ComplaintIntake.class);

    /** The limits in force (null: off): per client address and per contact (its blind index). */
    public record Limits(RateLimit perClient, RateLimit perContact) {
        public static Limits of(String perClient, String perContact) {
            return new Limits(RateLimit.parse("complaint-client", perClient), RateLimit.parse("complaint-contact", perContact));
        }

        public static Limits none() {
            return new Limits(null, null);
        }
    }

    /** What the complainant is told at once: the submission's reference and how the acknowledgement will reach them. */
    public record Receipt(String ticketId, String acknowledgementBy) {
    }

    private final MemberStore members;
    private final FieldCipher cipher;
    private final RateLimiter limiter;
    private final Limits limits;
    private final Submissions queue;
    private final Clock clock;

    public ComplaintIntake(MemberStore members, FieldCipher cipher, RateLimiter limiter, Limits limits, Submissions queue, Clock clock) {
        this.members = members;
        this.cipher = cipher;
        this.limiter = limiter;
        this.limits = limits;
        this.queue = queue;
        this.clock = clock;
    }

    public Receipt submit(ComplaintForm form, String idempotencyKey, String authorization, String client) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.invalidField("Idempotency-Key", "is required: 1 to 128 printable ASCII characters");
        }
        ComplaintForm.Complaint c = form.check();
        Optional<MemberProfile> member = member(c.memberId(), authorization);
        String contactIndex = cipher.blindIndex(c.contact().indexInput());
        limiter.acquire(List.of(new RateLimiter.Charge(limits.perClient(), cipher.blindIndex("client:" + client)),
                new RateLimiter.Charge(limits.perContact(), contactIndex)));
        String ticketId = ComplaintIds.ticketId(idempotencyKey, contactIndex);
        String type = c.contact().type().name().toLowerCase(Locale.ROOT);
        queue.submit(new Submission(ticketId, clock.instant(), member.map(MemberProfile::memberId).orElse(null), c.locale(), c.category().key(),
                c.reference(), c.attachments(), type, contactIndex, cipher.encrypt(ticketId, "name", c.name()),
                cipher.encrypt(ticketId, "contact", c.contact().value()), cipher.encrypt(ticketId, "description", c.description())));
        LOG.info("complaint submitted", "ticketId", ticketId, "category", c.category().key(), "member", member.isPresent());
        return new Receipt(ticketId, member.isPresent() ? "member" : type);
    }

    /** The member behind the token, when the form names one: a token that does not match is a 401 naming the field. */
    private Optional<MemberProfile> member(String memberId, String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        if (memberId == null) {
            if (token != null) {
                throw ProblemException.invalidField("memberId", "is required with a member token");
            }
            return Optional.empty();
        }
        Optional<MemberProfile> profile = members.profile(memberId);
        if (token == null || profile.isEmpty() || !MemberToken.matches(token, profile.get().tokenHash()) || !profile.get().status().isAdmitted()) {
            throw new ProblemException(new Problem(Problem.BASE + "unauthorized", "Authentication required", 401,
                    "Send the member token you received at sign-up as Authorization: Bearer <token>, or leave memberId out.", null, null,
                    List.of(new FieldError("memberId", "the member token does not match this member"))));
        }
        return profile;
    }
}
