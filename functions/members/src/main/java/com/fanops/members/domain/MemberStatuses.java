package com.fanops.members.domain;

import java.util.Collection;
import java.util.Map;

/** Read port: the status and kind of many members at once (a batch of interactions names up to a few hundred). */
public interface MemberStatuses {

    record Known(MemberStatus status, MemberKind kind) {

        /** Counted in community metrics: an admitted community member (not pending, not staff or test). */
        public boolean countsInMetrics() {
            return kind.community() && status.isAdmitted();
        }
    }

    /** The members that exist among the ids; an unknown id is simply absent from the answer. */
    Map<String, Known> of(Collection<String> memberIds);
}
