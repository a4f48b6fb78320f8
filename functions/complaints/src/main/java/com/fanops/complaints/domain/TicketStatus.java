package com.fanops.complaints.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a ticket is (000 §7): new -> acknowledged -> investigating -> waiting_on_member -> resolved -> closed, reopened
 * (back to investigating) when the complainant replies within the reopen window after resolution. The allowed moves are
 * defined here once; every move is a line of the ticket's history.
 */
public enum TicketStatus {
    NEW, ACKNOWLEDGED, INVESTIGATING, WAITING_ON_MEMBER, RESOLVED, CLOSED;

    static {
        NEW.next = EnumSet.of(ACKNOWLEDGED, INVESTIGATING, RESOLVED);
        ACKNOWLEDGED.next = EnumSet.of(INVESTIGATING, WAITING_ON_MEMBER, RESOLVED);
        INVESTIGATING.next = EnumSet.of(WAITING_ON_MEMBER, RESOLVED);
        WAITING_ON_MEMBER.next = EnumSet.of(INVESTIGATING, RESOLVED);
        RESOLVED.next = EnumSet.of(CLOSED, INVESTIGATING);
        CLOSED.next = EnumSet.noneOf(TicketStatus.class);
    }

    private Set<TicketStatus> next;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean canMoveTo(TicketStatus to) {
        return next.contains(to);
    }

    public Set<TicketStatus> next() {
        return EnumSet.copyOf(next.isEmpty() ? EnumSet.noneOf(TicketStatus.class) : next);
    }

    /** Open tickets are worked and swept; resolved and closed ones are not. */
    public boolean open() {
        return this != RESOLVED && this != CLOSED;
    }

    /** The SLA clock stands still while the ticket waits on the complainant. */
    public boolean paused() {
        return this == WAITING_ON_MEMBER;
    }

    public static Optional<TicketStatus> of(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(TicketStatus::key).toList();
    }
}
