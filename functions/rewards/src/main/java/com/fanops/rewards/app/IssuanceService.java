package com.fanops.rewards.app;

import com.fanops.engagement.store.PointsLedger;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.log.Log;
import com.fanops.platform.retry.Retry;
import com.fanops.platform.settings.SettingsVersion;
import com.fanops.rewards.domain.Catalogue;
import com.fanops.rewards.domain.CatalogueItem;
import com.fanops.rewards.domain.Cause;
import com.fanops.rewards.domain.ConsentBasis;
import com.fanops.rewards.domain.Eligibility;
import com.fanops.rewards.domain.Issuance;
import com.fanops.rewards.domain.IssuanceStatus;
import com.fanops.rewards.domain.LimitWindows;
import com.fanops.rewards.domain.MemberSnapshot;
import com.fanops.rewards.domain.Refusal;
import com.fanops.rewards.domain.RewardIssued;
import com.fanops.rewards.domain.RewardRefused;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.store.BudgetStore;
import com.fanops.rewards.store.CatalogueStore;
import com.fanops.rewards.store.CodePoolStore;
import com.fanops.rewards.store.IssuanceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * Issues one reward for one cause: reads the catalogue item, checks the member against it, prepares every write (limits,
 * rule counter, stock, code, budget, points, the archive record, RewardIssued) and commits them as one transaction. A
 * cause already issued answers that issuance; a write whose premise changed meanwhile (a lot spent, a code taken, a
 * concurrent transaction) is prepared again from fresh reads, with backoff.
 */
public final class IssuanceService {

    public static final String SOURCE = "fanops.rewards";
    private static final Log LOG = Log.get(IssuanceService.class);
    /** Hundreds of concurrent issuances may meet on one budget or stock item; each retry reads afresh. */
    private static final Retry CONFLICTS = Retry.of(100, Duration.ofMillis(5), Duration.ofMillis(400));

    /**
     * One issuance to make: its cause, the item, the member as read, the consent it relies on, how it came ({@code trigger}:
     * a rule's trigger, {@code redemption} or {@code manual}), the rule and its per-member cap, who and why, the request hash
     * of an idempotent call, whether the member pays with points, the approval it follows, and the allocation (an activity's)
     * its cost is charged to instead of the item's budget.
     */
    public record Request(Cause cause, String itemId, MemberSnapshot member, ConsentBasis consent, String trigger, String ruleId,
                          Integer ruleCap, String actor, String reason, String requestHash, boolean payWithPoints, String approvalId,
                          String allocationId) {

        public Request(Cause cause, String itemId, MemberSnapshot member, ConsentBasis consent, String trigger, String ruleId,
                       Integer ruleCap, String actor, String reason, String requestHash, boolean payWithPoints, String approvalId) {
            this(cause, itemId, member, consent, trigger, ruleId, ruleCap, actor, reason, requestHash, payWithPoints, approvalId, null);
        }
    }

    /** The issuance, whether it was issued before (a repeated cause), and the write units its transaction consumed. */
    public record Result(Issuance issuance, boolean repeated, double writeUnits) {
    }

    private final IssuanceStore store;
    private final CatalogueStore catalogue;
    private final CodePoolStore pools;
    private final PointsLedger ledger;
    private final EventOutbox outbox;
    private final CodePools poolAlerts;
    private final IntSupplier lotMonths;
    private final ZoneId zone;
    private final Clock clock;

    public IssuanceService(IssuanceStore store, CatalogueStore catalogue, CodePoolStore pools, PointsLedger ledger, EventOutbox outbox,
                           CodePools poolAlerts, IntSupplier lotMonths, ZoneId zone, Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.pools = pools;
        this.ledger = ledger;
        this.outbox = outbox;
        this.poolAlerts = poolAlerts;
        this.lotMonths = lotMonths;
        this.zone = zone;
        this.clock = clock;
    }

    public Result issue(Request r) {
        if (r.payWithPoints() || r.requestHash() != null || r.allocationId() != null) {
            // A repeated request answers what it did the first time, even if the points, the stock or the allocation are gone by now.
            Optional<IssuanceStore.Claimed> done = store.byCause(r.cause().key());
            if (done.isPresent()) {
                return repeated(r, done.get().issuance(), done.get().requestHash());
            }
        }
        Result result = CONFLICTS.get("issuance for " + r.cause().kind(), () -> attempt(r));
        if (!result.repeated() && result.issuance().code() != null) {
            poolAlerts.alertIfLow(result.issuance().codePoolId());
        }
        return result;
    }

    private Result repeated(Request r, Issuance earlier, String hash) {
        if (r.requestHash() != null && hash != null && !r.requestHash().equals(hash)) {
            throw new RewardRefused(Refusal.KEY_REUSED, "This Idempotency-Key was used for another request.");
        }
        return new Result(earlier, true, 0);
    }

    private Optional<Result> attempt(Request r) {
        SettingsVersion<Catalogue> version = catalogue.currentVersion();
        CatalogueItem item = version.value().item(r.itemId())
                .orElseThrow(() -> new RewardRefused(Refusal.UNKNOWN_ITEM, "There is no catalogue item " + r.itemId() + "."));
        Instant now = clock.instant();
        LocalDate day = now.atZone(zone).toLocalDate();
        if (r.payWithPoints()) {
            Eligibility.redemption(item, r.member(), now);
        } else {
            Eligibility.item(item, r.member(), now);
        }
        BudgetStore.Allocation allocation = r.allocationId() == null || item.cost() == 0 ? null : allocation(r.allocationId());
        // A prize's id is its cause's (activity, item, member): a redelivered ranking cannot make a second record.
        String issuanceId = "r_" + (r.cause().kind().equals("prize") ? Redemptions.hash(r.cause().key()).substring(0, 32)
                : UUID.randomUUID().toString().replace("-", ""));
        String code = null;
        if (item.type() == RewardType.COUPON) {
            Optional<String> candidate = pools.candidate(item.codePoolId());
            if (candidate.isEmpty()) {
                if (pools.get(item.codePoolId()).map(p -> p.available() > 0).orElse(false)) {
                    return Optional.empty(); // the index has not caught up with a restock yet
                }
                throw new RewardRefused(Refusal.OUT_OF_STOCK, "Item " + item.itemId() + " is out of stock.");
            }
            code = candidate.get();
        }
        PointsLedger.Prepared points = null;
        String spendEntry = null;
        String creditEntry = null;
        if (r.payWithPoints()) {
            spendEntry = "reward-" + issuanceId;
            try {
                points = ledger.prepareTake(r.member().memberId(), item.pointsPrice(), spendEntry, "redeem", "reward " + item.itemId(),
                        r.member().memberId());
            } catch (PointsLedger.InsufficientPointsException e) {
                throw new RewardRefused(Refusal.INSUFFICIENT_POINTS, "Item " + item.itemId() + " costs " + item.pointsPrice()
                        + " points; the balance is " + e.balance() + ".");
            }
        } else if (item.type() == RewardType.POINTS) {
            creditEntry = "reward-" + issuanceId;
            points = ledger.prepareCredit(r.member().memberId(), item.points(), creditEntry, "reward", "reward " + item.itemId(),
                    r.actor(), lotMonths.getAsInt());
        }
        List<LimitWindows.Window> windows = LimitWindows.of(item.limits(), day);
        IssuanceStatus status = item.type().fulfilledAtOnce() ? IssuanceStatus.FULFILLED : IssuanceStatus.ISSUED;
        Issuance issuance = new Issuance(issuanceId, r.member().memberId(), item.itemId(), item.type(), version.version(), r.trigger(),
                r.ruleId(), r.cause().key(), r.cause().eventId(), allocation != null ? allocation.budgetId() : item.budgetId(), item.cost(),
                r.payWithPoints() ? item.pointsPrice() : 0, item.points() == null ? 0 : item.points(),
                item.cashAmount() == null ? 0 : item.cashAmount(), item.codePoolId(), code, status, now, day, now,
                item.validDays() == null ? null : day.plusDays(item.validDays()), r.consent(), r.actor(), r.reason(), r.member().locale(),
                windows.stream().map(LimitWindows.Window::name).toList(), r.ruleCap() != null, item.limitedStock(), spendEntry,
                creditEntry, r.approvalId(), allocation != null ? allocation.allocationId() : null);
        EventOutbox.Staged event = outbox.stage(SOURCE, new RewardIssued(issuance.memberId(), issuanceId, item.itemId(), item.type().key(),
                r.trigger(), r.ruleId(), r.cause().key(), now, r.member().locale(), code != null, !item.type().fulfilledAtOnce(),
                "en".equals(r.member().locale()) ? item.name().en() : item.name().zhCN()));
        IssuanceStore.Outcome outcome = store.commit(new IssuanceStore.Draft(issuance, r.requestHash(), windows, r.ruleCap(), points,
                item.type().fulfilledAtOnce(), event, allocation), outbox);
        if (outcome instanceof IssuanceStore.Issued issued) {
            LOG.info("reward issued", "issuanceId", issuanceId, "itemId", item.itemId(), "trigger", r.trigger());
            return Optional.of(new Result(issued.issuance(), false, issued.writeUnits()));
        }
        if (outcome instanceof IssuanceStore.Duplicate dup) {
            return Optional.of(repeated(r, dup.issuance(), dup.sameRequest() ? r.requestHash() : "other"));
        }
        if (outcome instanceof IssuanceStore.Refused refused) {
            throw new RewardRefused(refused.refusal(), refused.detail());
        }
        return Optional.empty();
    }

    /**
     * The allocation a prize is charged to, refused when there is none (or it was released). Whether it can still cover the
     * item is the transaction's to say, after the cause: a concurrent delivery that issued this prize answers "repeated".
     */
    private BudgetStore.Allocation allocation(String allocationId) {
        return store.allocation(allocationId).filter(found -> found.releasedAt() == null)
                .orElseThrow(() -> new RewardRefused(Refusal.NO_ALLOCATION, "Activity " + allocationId + " holds no budget allocation."));
    }
}
