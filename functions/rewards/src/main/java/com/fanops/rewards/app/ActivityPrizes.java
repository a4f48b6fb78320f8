package com.fanops.rewards.app;

import com.fanops.members.domain.Purpose;
import com.fanops.platform.log.Log;
import com.fanops.rewards.domain.ActivityRanked;
import com.fanops.rewards.domain.Cause;
import com.fanops.rewards.domain.ConsentBasis;
import com.fanops.rewards.domain.Eligibility;
import com.fanops.rewards.domain.MemberSnapshot;
import com.fanops.rewards.domain.RewardRefused;
import com.fanops.rewards.domain.Trigger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An activity's own prizes from its ranking: each prize's catalogue item to every member ranked within its {@code topN},
 * through the one issuance path (eligibility, limits, stock, consent basis, RewardIssued and so the member's notice), once
 * per activity, item and member, its cost charged to the activity's budget allocation ({@code ALLOC#<activityId>}). Issued
 * in rank order - a member's prizes in the order listed, then the next rank's - so an allocation too small for the list
 * gives what fits to the best ranked and refuses the rest ({@code allocation-exhausted}).
 */
public final class ActivityPrizes {

    private static final Log LOG = Log.get(ActivityPrizes.class);

    private final MemberLookup members;
    private final IssuanceService issuance;

    public ActivityPrizes(MemberLookup members, IssuanceService issuance) {
        this.members = members;
        this.issuance = issuance;
    }

    /** What each prize did for each member reached: issued, repeated, unknown-member or the refusal's type. */
    public List<RuleEngine.Fired> award(ActivityRanked e) {
        List<RuleEngine.Fired> out = new ArrayList<>();
        if (e.prizes().isEmpty()) {
            return out;
        }
        List<ActivityRanked.Ranked> ranking = new ArrayList<>(e.ranking());
        ranking.sort(Comparator.comparingInt(ActivityRanked.Ranked::rank));
        for (ActivityRanked.Ranked ranked : ranking) {
            Optional<MemberSnapshot> member = Optional.empty();
            for (ActivityRanked.Prize prize : e.prizes()) {
                if (ranked.rank() > prize.topN()) {
                    continue;
                }
                String label = "prize:" + prize.itemId();
                member = member.isPresent() ? member : members.get(ranked.memberId());
                if (member.isEmpty()) {
                    out.add(new RuleEngine.Fired(label, "unknown-member", null));
                    continue;
                }
                out.add(award(e.activityId(), prize, ranked, member.get(), label));
            }
        }
        return out;
    }

    private RuleEngine.Fired award(String activityId, ActivityRanked.Prize prize, ActivityRanked.Ranked ranked, MemberSnapshot member,
                                   String label) {
        try {
            ConsentBasis consent = Eligibility.consent(member, Purpose.MEMBERSHIP.key());
            IssuanceService.Result r = issuance.issue(new IssuanceService.Request(Cause.prize(activityId, prize.itemId(), ranked.memberId()),
                    prize.itemId(), member, consent, Trigger.TOP_PARTICIPANT.key(), null, null, "activity:" + activityId,
                    "prize of activity " + activityId + ", rank " + ranked.rank(), null, false, null, activityId));
            return new RuleEngine.Fired(label, r.repeated() ? "repeated" : "issued", r.issuance().issuanceId());
        } catch (RewardRefused refused) {
            LOG.info("prize not issued", "activityId", activityId, "itemId", prize.itemId(), "rank", ranked.rank(),
                    "refusal", refused.refusal().type());
            return new RuleEngine.Fired(label, refused.refusal().type(), null);
        }
    }
}
