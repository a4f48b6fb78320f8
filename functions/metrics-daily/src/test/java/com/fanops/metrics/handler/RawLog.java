package com.fanops.metrics.handler;

import com.fanops.engagement.domain.Interaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A synthetic community's raw event log: what happened and when each delivery reached the system. This is the input
 * of the accuracy test - the fact writers turn it into facts, the brute force reads it directly.
 */
final class RawLog {

    /** One delivery of an event; the same event may be delivered twice (a duplicate) or days late. */
    record Delivery(Instant arrivesAt, long sequence, Object event) {
    }

    /** A member admitted (sign-up or import): MemberJoined, with the account's kind (member, staff, test) and first consent. */
    record Join(String memberId, Instant at, String kind, boolean marketing, String locale) {
    }

    /** A membership ended (MemberStatusChanged to left or removed, or MemberErased). */
    record Exit(String memberId, Instant at, String to) {
    }

    /** The member changed their marketing consent (ConsentChanged). */
    record ConsentChange(String memberId, Instant at, boolean marketing) {
    }

    /** An interaction posted by a channel (it reaches the scorer). */
    record Act(Interaction interaction) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();
    private long sequence;

    void deliver(Instant at, Object event) {
        deliveries.add(new Delivery(at, sequence++, event));
    }

    /** In arrival order (ties in the order they were logged). */
    List<Delivery> deliveries() {
        return deliveries.stream().sorted(Comparator.comparing(Delivery::arrivesAt).thenComparingLong(Delivery::sequence)).toList();
    }
}
