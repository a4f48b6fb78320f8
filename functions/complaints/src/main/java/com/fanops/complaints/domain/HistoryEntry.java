package com.fanops.complaints.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * One line of a ticket's history, never changed once written. {@code clock} is the SLA clock mark the line puts in the
 * clock log (null when it does not touch the clock); {@code noteEnc} an encrypted text (a reply to the complainant, the
 * complainant's own message, an agent's internal note), field {@code note:<seq>} of the ticket.
 */
public record HistoryEntry(int seq, Instant at, Action action, String from, String to, String actor, SlaClock.Mark clock, String noteEnc,
                           String detail) {

    public enum Action {
        RECEIVED, ACKNOWLEDGED, STATUS, ASSIGNED, RECORDED, REPLIED, MEMBER_REPLIED, RESOLVED, REOPENED, CLOSED, SURVEYED, REPRIORITISED,
        /** Flagged as a 舆情 risk: detail {@code reasons=<keys> priority=<before>-><after>}; from and to stay empty. */
        RISK_FLAGGED,
        /** An agent's internal note: encrypted like a reply, never sent to the complainant nor shown to them. */
        NOTED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action of(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }

    public SlaClock.Entry clockEntry() {
        return clock == null ? null : new SlaClock.Entry(seq, at, clock);
    }
}
