package com.fanops.complaints.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an operator asks of the complaints queue: the statuses (one, the open ones, or all), and optionally a priority,
 * category, assignee, SLA state, risk only, one member. Null means "any".
 *
 * @param statuses the statuses wanted (never empty)
 * @param sla      an SLA state as the sweep keeps it on the ticket ({@link #SLA_STATES}; a ticket without one is {@code ok})
 * @param risk     only tickets flagged with at least one risk reason
 */
public record QueueFilter(Set<TicketStatus> statuses, Priority priority, Category category, String assignee, String sla, boolean risk,
                          String memberId) {

    /** The SLA states of the shared contract (the sweep of branch c14-sla maintains them). */
    public static final List<String> SLA_STATES = List.of("ok", "warning", "breached", "paused", "stopped");
    /** {@code status=} accepts a status key, {@code open} (every status but resolved and closed) or {@code all}. */
    public static final String OPEN = "open";
    public static final String ALL = "all";

    public QueueFilter {
        statuses = statuses == null || statuses.isEmpty() ? EnumSet.allOf(TicketStatus.class) : EnumSet.copyOf(statuses);
    }

    /** The statuses a {@code status=} value names; empty when it names none. */
    public static Set<TicketStatus> statuses(String value) {
        if (OPEN.equals(value)) {
            EnumSet<TicketStatus> open = EnumSet.noneOf(TicketStatus.class);
            for (TicketStatus s : TicketStatus.values()) {
                if (s.open()) {
                    open.add(s);
                }
            }
            return open;
        }
        if (ALL.equals(value)) {
            return EnumSet.allOf(TicketStatus.class);
        }
        return TicketStatus.of(value).map(EnumSet::of).orElse(EnumSet.noneOf(TicketStatus.class));
    }

    /** Every {@code status=} value the route accepts. */
    public static List<String> statusValues() {
        List<String> keys = new ArrayList<>(TicketStatus.keys());
        keys.add(OPEN);
        keys.add(ALL);
        return List.copyOf(keys);
    }

    /** Exactly the open statuses: the queue read from the open index, by SLA urgency. */
    public boolean openQueue() {
        return statuses.equals(statuses(OPEN));
    }
}
