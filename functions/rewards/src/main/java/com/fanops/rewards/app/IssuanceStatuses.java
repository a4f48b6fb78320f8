package com.fanops.rewards.app;

import com.fanops.engagement.store.PointsLedger;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.retry.Retry;
import com.fanops.rewards.domain.Issuance;
import com.fanops.rewards.domain.IssuanceStatus;
import com.fanops.rewards.domain.Refusal;
import com.fanops.rewards.domain.RewardRefused;
import com.fanops.rewards.domain.RewardStatusChanged;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.store.IssuanceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Moves issuances through their states: fulfilment reports (fulfilled / failed), revocations by managers (with a reason,
 * audited) and expiry. A revoked redemption puts its points back into the lots they came from, with their original expiry
 * (engagement's ledger, in the same transaction); a revoked points reward takes its points back. Repeating a change that
 * already happened answers the issuance as it is.
 */
public final class IssuanceStatuses {

    private static final Retry CONFLICTS = Retry.of(30, Duration.ofMillis(5), Duration.ofMillis(200));

    private final IssuanceStore store;
    private final PointsLedger ledger;
    private final EventOutbox outbox;
    private final AuditLog audit;
    private final Clock clock;

    public IssuanceStatuses(IssuanceStore store, PointsLedger ledger, EventOutbox outbox, AuditLog audit, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public Issuance get(String issuanceId) {
        return store.get(issuanceId).orElseThrow(() -> ProblemException.notFound("Issuance " + issuanceId));
    }

    public Issuance revoke(String actor, String issuanceId, String reason) {
        Issuance done = move(issuanceId, IssuanceStatus.REVOKED, actor, reason);
        if (audit != null) {
            audit.record(actor, "rewards.revoke", issuanceId, reason);
        }
        return done;
    }

    /** The fulfilment integration's report: fulfilled or failed. */
    public Issuance report(String channel, String issuanceId, IssuanceStatus outcome, String reason) {
        if (outcome != IssuanceStatus.FULFILLED && outcome != IssuanceStatus.FAILED) {
            throw ProblemException.invalidField("status", "must be fulfilled or failed");
        }
        return move(issuanceId, outcome, "fulfilment:" + channel, reason);
    }

    /** Expires the live rewards whose validity ends on {@code today} or in the week before (a missed run catches up). */
    public int expire(LocalDate today) {
        int expired = 0;
        for (LocalDate d = today.minusDays(7); !d.isAfter(today); d = d.plusDays(1)) {
            for (String id : store.expiringOn(d)) {
                Issuance current = store.get(id).orElse(null);
                if (current != null && current.status().live()) {
                    move(id, IssuanceStatus.EXPIRED, "system", "validity ended " + d);
                    expired++;
                }
            }
        }
        return expired;
    }

    private Issuance move(String issuanceId, IssuanceStatus to, String actor, String reason) {
        return CONFLICTS.get("status change of " + issuanceId, () -> {
            Issuance current = get(issuanceId);
            if (current.status() == to) {
                return Optional.of(current);
            }
            if (!current.status().allowedNext().contains(to)) {
                throw ProblemException.conflict("transition-refused", "Status change refused",
                        "An issuance " + current.status().key() + " cannot become " + to.key() + ".");
            }
            Issuance next = current.withStatus(to, clock.instant());
            PointsLedger.Prepared points = null;
            if (!to.live() && current.spendEntryId() != null) {
                points = ledger.prepareRestore(current.memberId(), current.spendEntryId(), current.spendEntryId() + "-back", "restore",
                        "reward " + to.key(), actor).orElse(null);
            } else if (!to.live() && current.type() == RewardType.POINTS && current.creditEntryId() != null && current.points() > 0) {
                try {
                    points = ledger.prepareTake(current.memberId(), current.points(), current.creditEntryId() + "-back", "revoke",
                            "reward " + to.key(), actor);
                } catch (PointsLedger.InsufficientPointsException e) {
                    throw new RewardRefused(Refusal.INSUFFICIENT_POINTS, "The member has spent the points of this reward: "
                            + e.balance() + " left of " + current.points() + ".");
                }
            }
            EventOutbox.Staged event = outbox.stage(IssuanceService.SOURCE, new RewardStatusChanged(current.memberId(), issuanceId,
                    current.itemId(), current.type().key(), current.status().key(), to.key(), next.statusAt(), reason));
            IssuanceStore.Change change = store.transition(current, next, actor, reason, points, event, outbox);
            return change == IssuanceStore.Change.DONE ? Optional.of(next) : Optional.empty();
        });
    }
}
