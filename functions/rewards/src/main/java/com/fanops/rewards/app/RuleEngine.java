package com.fanops.rewards.app;

import com.fanops.engagement.domain.Tier;
import com.fanops.engagement.domain.TierChanged;
import com.fanops.members.domain.MemberJoined;
import com.fanops.platform.log.Log;
import com.fanops.rewards.domain.ActivityRanked;
import com.fanops.rewards.domain.Cause;
import com.fanops.complaints.domain.ComplaintResolved;
import com.fanops.complaints.domain.ComplaintScored;
import com.fanops.complaints.domain.SlaBreached;
import com.fanops.rewards.domain.ConsentBasis;
import com.fanops.rewards.domain.Eligibility;
import com.fanops.rewards.domain.MemberSnapshot;
import com.fanops.rewards.domain.RewardRefused;
import com.fanops.rewards.domain.RewardRule;
import com.fanops.rewards.domain.RewardRules;
import com.fanops.rewards.domain.Trigger;
import com.fanops.rewards.store.RewardRulesStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Fires the rules of a trigger for a member: each active rule of the trigger whose settings match the event, whose
 * conditions the member meets and whose consent the member holds, issues its item once for the cause (rule, member,
 * triggering event). The triggering event's id is its logical identity ({@code tier-gold-2026-03-01},
 * {@code complaint-<ticket>}), not the bus delivery's id, so a re-published event is the same cause.
 */
public final class RuleEngine {

    private static final Log LOG = Log.get(RuleEngine.class);

    /** What one rule did: issued, repeated (issued before for this cause), or the refusal's type. */
    public record Fired(String ruleId, String outcome, String issuanceId) {
    }

    private final RewardRulesStore rules;
    private final MemberLookup members;
    private final IssuanceService issuance;

    public RuleEngine(RewardRulesStore rules, MemberLookup members, IssuanceService issuance) {
        this.rules = rules;
        this.members = members;
        this.issuance = issuance;
    }

    public List<Fired> tierReached(TierChanged e) {
        if (Tier.of(e.to()).compareTo(Tier.of(e.from())) <= 0) {
            return List.of();
        }
        return fire(Trigger.TIER_REACHED, e.memberId(), "tier-" + e.to() + "-" + e.on(), r -> r.tiers().isEmpty() || r.tiers().contains(e.to()),
                null);
    }

    /** A welcome for a member admitted through a form or an approval; members brought in by an import are not new. */
    public List<Fired> welcome(MemberJoined e) {
        if (e.imported()) {
            return List.of();
        }
        return fire(Trigger.WELCOME, e.memberId(), "joined", r -> true, null);
    }

    /** Service recovery on an upheld resolution (cause {@code complaint-<ticketId>}, shared with the score and the breach). */
    public List<Fired> serviceRecovery(ComplaintResolved e) {
        if (!e.upheld() || e.memberId() == null) {
            return List.of();
        }
        return fire(Trigger.SERVICE_RECOVERY, e.memberId(), recoveryCause(e.ticketId()),
                r -> r.complaintCategories().isEmpty() || r.complaintCategories().contains(e.category()), null, null);
    }

    /** Service recovery on a low survey score; {@code minTier} is judged on the tier the member had when answering. */
    public List<Fired> serviceRecovery(ComplaintScored e) {
        if (e.memberId() == null) {
            return List.of();
        }
        return fire(Trigger.SERVICE_RECOVERY, e.memberId(), recoveryCause(e.ticketId()), r -> e.score() <= r.scoreThreshold(), null,
                e.tier() == null ? null : Tier.of(e.tier()));
    }

    /** Service recovery on an SLA breach of a member's ticket, for rules with {@code onBreach}. */
    public List<Fired> serviceRecovery(SlaBreached e) {
        if (e.memberId() == null) {
            return List.of();
        }
        return fire(Trigger.SERVICE_RECOVERY, e.memberId(), recoveryCause(e.ticketId()), RewardRule::onBreach, null, null);
    }

    private static String recoveryCause(String ticketId) {
        return "complaint-" + ticketId;
    }

    public List<Fired> topParticipants(ActivityRanked e) {
        List<Fired> out = new ArrayList<>();
        for (ActivityRanked.Ranked ranked : e.ranking()) {
            out.addAll(fire(Trigger.TOP_PARTICIPANT, ranked.memberId(), "activity-" + e.activityId(), r -> ranked.rank() <= r.topN(), null));
        }
        return out;
    }

    /**
     * Fires the active rules of {@code trigger} that {@code matches} for one member; {@code member} may be given when the
     * caller has read it already (the daily job).
     */
    public List<Fired> fire(Trigger trigger, String memberId, String eventId, Predicate<RewardRule> matches, MemberSnapshot member) {
        return fire(trigger, memberId, eventId, matches, member, null);
    }

    /** As above; {@code tierAtEvent} (when the event carries it) is what a rule's {@code minTier} is judged on. */
    public List<Fired> fire(Trigger trigger, String memberId, String eventId, Predicate<RewardRule> matches, MemberSnapshot member,
                            Tier tierAtEvent) {
        RewardRules current = rules.current();
        List<Fired> out = new ArrayList<>();
        Optional<MemberSnapshot> read = Optional.ofNullable(member);
        for (RewardRule rule : current.active(trigger)) {
            if (!matches.test(rule)) {
                continue;
            }
            if (read.isEmpty()) {
                read = members.get(memberId);
                if (read.isEmpty()) {
                    out.add(new Fired(rule.ruleId(), "unknown-member", null));
                    return out;
                }
            }
            Tier tier = tierAtEvent != null ? tierAtEvent : read.get().tier();
            if (rule.minTier() != null && tier.compareTo(Tier.of(rule.minTier())) < 0) {
                out.add(new Fired(rule.ruleId(), "below-min-tier", null));
                continue;
            }
            try {
                ConsentBasis consent = Eligibility.rule(rule, read.get());
                IssuanceService.Result r = issuance.issue(new IssuanceService.Request(Cause.rule(rule.ruleId(), memberId, eventId),
                        rule.itemId(), read.get(), consent, trigger.key(), rule.ruleId(), rule.capPerMember(), "rule:" + rule.ruleId(),
                        null, null, false, null));
                out.add(new Fired(rule.ruleId(), r.repeated() ? "repeated" : "issued", r.issuance().issuanceId()));
            } catch (RewardRefused refused) {
                LOG.info("rule not applied", "ruleId", rule.ruleId(), "trigger", trigger.key(), "refusal", refused.refusal().type());
                out.add(new Fired(rule.ruleId(), refused.refusal().type(), null));
            }
        }
        return out;
    }
}
