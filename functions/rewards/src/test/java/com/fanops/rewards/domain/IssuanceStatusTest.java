package com.fanops.rewards.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IssuanceStatusTest {

    @Test
    void issuedMovesOnceAndEachMoveSaysWhatHappensToTheBudget() {
        assertEquals(IssuanceStatus.BudgetEffect.CONFIRM, IssuanceStatus.ISSUED.moveTo(IssuanceStatus.FULFILLED));
        assertEquals(IssuanceStatus.BudgetEffect.RELEASE_RESERVED, IssuanceStatus.ISSUED.moveTo(IssuanceStatus.FAILED));
        assertEquals(IssuanceStatus.BudgetEffect.RELEASE_RESERVED, IssuanceStatus.ISSUED.moveTo(IssuanceStatus.REVOKED));
        assertEquals(IssuanceStatus.BudgetEffect.RELEASE_RESERVED, IssuanceStatus.ISSUED.moveTo(IssuanceStatus.EXPIRED));
        assertEquals(IssuanceStatus.BudgetEffect.RELEASE_CONFIRMED, IssuanceStatus.FULFILLED.moveTo(IssuanceStatus.REVOKED));
        assertThrows(IssuanceStatus.TransitionRefused.class, () -> IssuanceStatus.FULFILLED.moveTo(IssuanceStatus.FAILED));
        for (IssuanceStatus end : new IssuanceStatus[] {IssuanceStatus.FAILED, IssuanceStatus.REVOKED, IssuanceStatus.EXPIRED}) {
            for (IssuanceStatus to : IssuanceStatus.values()) {
                assertThrows(IssuanceStatus.TransitionRefused.class, () -> end.moveTo(to), end + " is final");
            }
        }
    }
}
