package com.fanops.messaging.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Whether a message may go to a member now, decided at send time from the member's record, the sending policy and
 * the marketing messages the member already had. Pure: the sender reads the facts, this decides, the store records.
 */
public sealed interface SendDecision {

    record Send(ConsentBasis basis) implements SendDecision {
    }

    record Defer(Instant until) implements SendDecision {
    }

    record Suppress(SuppressionReason reason, ConsentBasis basis) implements SendDecision {
    }

    static SendDecision decide(MessageKind kind, Recipient r, boolean addressSuppressed, SendingPolicy policy,
                               List<Instant> marketingSends, Instant now, ZoneId zone) {
        if (r == null) {
            return new Suppress(SuppressionReason.UNKNOWN_MEMBER, null);
        }
        switch (r.status()) {
            case "active", "warned", "muted" -> {
            }
            case "pending", "rejected" -> {
                return new Suppress(SuppressionReason.NOT_ADMITTED, null);
            }
            case "erased" -> {
                return new Suppress(SuppressionReason.ERASED, null);
            }
            default -> {
                return new Suppress(SuppressionReason.MEMBERSHIP_ENDED, null);
            }
        }
        ConsentBasis membership = r.consent("membership");
        if (membership == null || !membership.granted()) {
            return new Suppress(SuppressionReason.NO_MEMBERSHIP_CONSENT, membership);
        }
        ConsentBasis basis = membership;
        if (kind.marketing()) {
            ConsentBasis marketing = r.consent("marketing");
            if (marketing == null || !marketing.granted()) {
                return new Suppress(SuppressionReason.NO_MARKETING_CONSENT, marketing);
            }
            basis = marketing;
        }
        if (r.contactType() == null) {
            return new Suppress(SuppressionReason.NO_CHANNEL, basis);
        }
        if (addressSuppressed && policy.webhookFor(kind) == null) {
            return new Suppress(SuppressionReason.ADDRESS_SUPPRESSED, basis);
        }
        if (kind.waitsForWakingHours()) {
            Instant allowed = policy.quietHours().nextAllowed(now, zone);
            if (allowed.isAfter(now)) {
                return new Defer(allowed);
            }
        }
        if (kind.marketing()) {
            if (!policy.cap().allows(marketingSends, now)) {
                return new Suppress(SuppressionReason.FREQUENCY_CAP, basis);
            }
        }
        return new Send(basis);
    }
}
