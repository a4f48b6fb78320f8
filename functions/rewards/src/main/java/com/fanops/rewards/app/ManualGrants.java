package com.fanops.rewards.app;

import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import com.fanops.rewards.domain.Approval;
import com.fanops.rewards.domain.CatalogueItem;
import com.fanops.rewards.domain.Cause;
import com.fanops.rewards.domain.Issuance;
import com.fanops.rewards.domain.MemberSnapshot;
import com.fanops.rewards.domain.Refusal;
import com.fanops.rewards.domain.RewardIds;
import com.fanops.rewards.domain.RewardRefused;
import com.fanops.rewards.store.ApprovalStore;
import com.fanops.rewards.store.CatalogueStore;
import com.fanops.rewards.store.RewardRulesStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Grants by hand: a manager (or admin) gives a member an item with a reason, audited, budget-checked like any issuance
 * and idempotent by the client's {@code grantId}. A grant whose cost is above the rules' {@code approvalAbove} waits for an
 * admin's approval (the same grant id then issues once approved); an admin's own grant above it is issued at once.
 */
public final class ManualGrants {

    /** A grant's answer: issued (with the issuance) or pending (with the approval). */
    public record Outcome(String status, Issuance issuance, Approval approval) {
    }

    private final IssuanceService issuance;
    private final MemberLookup members;
    private final CatalogueStore catalogue;
    private final RewardRulesStore rules;
    private final ApprovalStore approvals;
    private final AuditLog audit;
    private final Clock clock;

    public ManualGrants(IssuanceService issuance, MemberLookup members, CatalogueStore catalogue, RewardRulesStore rules,
                        ApprovalStore approvals, AuditLog audit, Clock clock) {
        this.issuance = issuance;
        this.members = members;
        this.catalogue = catalogue;
        this.rules = rules;
        this.approvals = approvals;
        this.audit = audit;
        this.clock = clock;
    }

    public Outcome grant(Caller caller, String memberId, String itemId, String grantId, String reason) {
        List<FieldError> errors = new ArrayList<>();
        if (itemId == null || !RewardIds.SLUG.matcher(itemId).matches()) {
            errors.add(new FieldError("itemId", "is required: a catalogue item id"));
        }
        if (grantId == null || !RewardIds.KEY.matcher(grantId).matches()) {
            errors.add(new FieldError("grantId", "is required: 8-128 of A-Z a-z 0-9 . _ : - (the same id grants once)"));
        }
        String why = Text.line(errors, "reason", reason, 200, true);
        if (why != null && why.length() < 3) {
            errors.add(new FieldError("reason", "3-200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        MemberSnapshot member = members.get(memberId).orElseThrow(() -> ProblemException.notFound("Member " + memberId));
        CatalogueItem item = catalogue.current().item(itemId)
                .orElseThrow(() -> new RewardRefused(Refusal.UNKNOWN_ITEM, "There is no catalogue item " + itemId + "."));
        if (item.cost() > rules.current().approvalAbove() && !caller.has(Role.ADMIN)) {
            String approvalId = "a_" + Redemptions.hash(grantId).substring(0, 32);
            Approval pending = new Approval(approvalId, memberId, itemId, grantId, why, caller.username(), clock.instant(), item.cost(),
                    Approval.Status.PENDING, null, null, null, null);
            if (approvals.create(pending)) {
                audit.record(caller.username(), "rewards.grant.request", approvalId, why);
            }
            Approval now = approvals.get(approvalId).orElseThrow();
            if (!now.memberId().equals(memberId) || !now.itemId().equals(itemId)) {
                throw new RewardRefused(Refusal.KEY_REUSED, "This grantId was used for another grant.");
            }
            return new Outcome(now.status().key(), null, now);
        }
        Issuance issued = issue(member, itemId, grantId, why, caller.username(), null);
        audit.record(caller.username(), "rewards.grant", issued.issuanceId(), why);
        return new Outcome("issued", issued, null);
    }

    /** An admin approves (the grant is issued, then the approval closed) or rejects a pending grant, with a reason. */
    public Approval decide(Caller admin, String approvalId, boolean approve, String reason) {
        List<FieldError> errors = new ArrayList<>();
        String why = Text.line(errors, "reason", reason, 200, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Approval a = approvals.get(approvalId).orElseThrow(() -> ProblemException.notFound("Approval " + approvalId));
        if (a.status() != Approval.Status.PENDING) {
            throw ProblemException.conflict("approval-decided", "Already decided", "This grant was " + a.status().key() + " already.");
        }
        String issuanceId = null;
        if (approve) {
            MemberSnapshot member = members.get(a.memberId()).orElseThrow(() -> ProblemException.notFound("Member " + a.memberId()));
            issuanceId = issue(member, a.itemId(), a.grantId(), a.reason(), a.requestedBy(), approvalId).issuanceId();
        }
        if (!approvals.decide(approvalId, approve ? Approval.Status.APPROVED : Approval.Status.REJECTED, admin.username(), clock.instant(),
                why, issuanceId)) {
            throw ProblemException.conflict("approval-decided", "Already decided", "Another admin decided this grant meanwhile.");
        }
        audit.record(admin.username(), approve ? "rewards.grant.approve" : "rewards.grant.reject", approvalId, why);
        return approvals.get(approvalId).orElseThrow();
    }

    public List<Approval> pending() {
        return approvals.pending();
    }

    private Issuance issue(MemberSnapshot member, String itemId, String grantId, String reason, String actor, String approvalId) {
        return issuance.issue(new IssuanceService.Request(Cause.grant(member.memberId(), grantId), itemId, member,
                member.consent("membership").orElse(null), Issuance.MANUAL, null, null, actor, reason, Redemptions.hash(member.memberId()
                + "|" + itemId), false, approvalId)).issuance();
    }
}
