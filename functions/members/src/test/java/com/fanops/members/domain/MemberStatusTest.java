package com.fanops.members.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.members.domain.MemberStatus.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberStatusTest {

    @Test
    void storedValuesAreTheLowerCaseNamesTheyAlwaysWere() {
        assertEquals(List.of("pending", "active", "warned", "muted", "rejected", "removed", "left", "erased"),
                List.of(MemberStatus.values()).stream().map(MemberStatus::key).toList());
        for (MemberStatus s : MemberStatus.values()) {
            assertEquals(s, MemberStatus.parse(s.key()));
        }
        assertTrue(MemberStatus.of("unknown").isEmpty());
    }

    @Test
    void aPendingSignUpCanOnlyBeApprovedOrRejected() {
        assertEquals(MemberStatus.ACTIVE, MemberStatus.PENDING.apply(Action.APPROVE));
        assertEquals(MemberStatus.REJECTED, MemberStatus.PENDING.apply(Action.REJECT));
        for (Action a : List.of(Action.WARN, Action.MUTE, Action.REMOVE, Action.RESTORE)) {
            assertEquals(MemberStatus.Refusal.AWAITS_ADMISSION,
                    assertThrows(MemberStatus.TransitionRefused.class, () -> MemberStatus.PENDING.apply(a)).refusal());
        }
    }

    @Test
    void admittedMembersAreWarnedMutedRemovedAndRestoredButNotAdmittedAgain() {
        for (MemberStatus from : List.of(MemberStatus.ACTIVE, MemberStatus.WARNED, MemberStatus.MUTED)) {
            assertEquals(MemberStatus.WARNED, from.apply(Action.WARN));
            assertEquals(MemberStatus.MUTED, from.apply(Action.MUTE));
            assertEquals(MemberStatus.REMOVED, from.apply(Action.REMOVE));
            assertEquals(MemberStatus.ACTIVE, from.apply(Action.RESTORE));
            assertEquals(MemberStatus.Refusal.NOT_PENDING,
                    assertThrows(MemberStatus.TransitionRefused.class, () -> from.apply(Action.APPROVE)).refusal());
        }
    }

    @Test
    void anEndedMembershipTakesNoActionAndOnlyErasureFollows() {
        for (MemberStatus ended : List.of(MemberStatus.REJECTED, MemberStatus.REMOVED, MemberStatus.LEFT, MemberStatus.ERASED)) {
            assertTrue(ended.ended());
            for (Action a : Action.values()) {
                assertEquals(MemberStatus.Refusal.ENDED, assertThrows(MemberStatus.TransitionRefused.class, () -> ended.apply(a)).refusal());
            }
            assertFalse(ended.canChangeConsent() || ended.canLeave() || ended.isScored() || ended.isMember());
            assertEquals(ended != MemberStatus.ERASED, ended.canTransitionTo(MemberStatus.ERASED));
            assertFalse(ended.canTransitionTo(MemberStatus.ACTIVE));
        }
    }

    @Test
    void everyActionLeadsWhereTheTransitionTableAllows() {
        for (MemberStatus from : MemberStatus.values()) {
            for (Action a : Action.values()) {
                try {
                    assertTrue(from.canTransitionTo(from.apply(a)), from + " " + a);
                } catch (MemberStatus.TransitionRefused refused) {
                    // refused actions are covered above
                }
            }
        }
    }

    @Test
    void pendingSignUpsAreScoredAndMayChangeConsentButAreNotAdmitted() {
        assertTrue(MemberStatus.PENDING.isScored() && MemberStatus.PENDING.canChangeConsent() && MemberStatus.PENDING.canLeave());
        assertFalse(MemberStatus.PENDING.isAdmitted());
        assertTrue(MemberStatus.MUTED.isAdmitted() && MemberStatus.WARNED.isScored());
    }
}
