package com.fanops.members.app;

import com.fanops.members.domain.DataRequest;
import com.fanops.members.domain.MemberFields;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.domain.MemberStatus;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import java.util.ArrayList;
import java.util.List;

/**
 * An export or an erasure the member asked for another way (by phone, in a store), filed by an operator exactly as the
 * member's own request would be - same deadline, merged with an open one - and audited as filed by that operator.
 */
public final class OperatorRequests {

    private final MembershipService membership;
    private final AuditLog audit;

    /** {@code membership} must carry the members' request deadline. */
    public OperatorRequests(MembershipService membership, AuditLog audit) {
        this.membership = membership;
        this.audit = audit;
    }

    public DataRequest file(String actor, String memberId, String typeKey, String reason) {
        List<FieldError> errors = new ArrayList<>();
        var type = typeKey == null ? null : DataRequest.Type.of(typeKey).orElse(null);
        if (type == null || type == DataRequest.Type.CORRECTION) {
            // A correction carries the member's own new data: only the member files it.
            errors.add(new FieldError("type", "must be export or erasure"));
        }
        String why = MemberFields.reason(errors, "reason", reason, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        MemberProfile profile = membership.profile(memberId);
        if (profile.status() == MemberStatus.ERASED) {
            throw ProblemException.conflict("membership-ended", "Already erased", "This member's data has been erased.");
        }
        DataRequest filed = membership.file(profile, typeKey, null, null);
        audit.record(actor, "members.request.file." + typeKey, filed.requestId(), why);
        return filed;
    }
}
