package com.fanops.rewards.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import java.util.List;

/** A reward not issued or redeemed, answered as problem+json naming the field; nothing was written. */
public final class RewardRefused extends ProblemException {

    private final transient Refusal refusal;

    public RewardRefused(Refusal refusal, String detail) {
        super(new Problem(Problem.BASE + refusal.type(), refusal.title(), refusal.status(), detail, null, null,
                List.of(new FieldError(refusal.field(), detail))));
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
