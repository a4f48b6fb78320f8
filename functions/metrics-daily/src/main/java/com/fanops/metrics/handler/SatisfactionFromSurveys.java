package com.fanops.metrics.handler;

import com.fanops.complaints.domain.Pulse;
import com.fanops.complaints.store.PulseStore;
import com.fanops.complaints.store.TicketStore;
import com.fanops.metrics.app.MetricsJob;
import com.fanops.metrics.domain.DailySnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The metrics job's satisfaction, from the complaints capability. CSAT: the average score (1-5) of the ticket surveys
 * answered in the {@value #WINDOW_DAYS} business days ending that day (so a quiet day still has a figure), rounded to two
 * decimals; null when none was answered in the window. One read per day of the window. The community pulse: the latest
 * pulse (by start, started by the end of that day) with answers in the same window - its average score and answers up to
 * that day, from the pulse's per-day counters (so a backfill reports what was known then); one query of the pulse list
 * and one or two per pulse looked at.
 */
final class SatisfactionFromSurveys implements MetricsJob.Satisfaction {

    static final int WINDOW_DAYS = 30;
    private final TicketStore tickets;
    private final PulseStore pulses;
    private final ZoneId zone;

    /** CSAT only. */
    SatisfactionFromSurveys(TicketStore tickets) {
        this(tickets, null, null);
    }

    SatisfactionFromSurveys(TicketStore tickets, PulseStore pulses, ZoneId zone) {
        this.tickets = tickets;
        this.pulses = pulses;
        this.zone = zone;
    }

    @Override
    public Double csat(LocalDate day) {
        long answers = 0;
        long sum = 0;
        for (int i = 0; i < WINDOW_DAYS; i++) {
            TicketStore.Csat c = tickets.csat(day.minusDays(i));
            answers += c.answers();
            sum += c.scoreSum();
        }
        return answers == 0 ? null : Math.round(sum * 100.0 / answers) / 100.0;
    }

    @Override
    public DailySnapshot.Pulse pulse(LocalDate day) {
        if (pulses == null) {
            return null;
        }
        LocalDate from = day.minusDays(WINDOW_DAYS - 1L);
        Instant windowStart = from.atStartOfDay(zone).toInstant();
        for (Pulse p : pulses.createdBefore(day.plusDays(1).atStartOfDay(zone).toInstant())) {
            if (p.closesAt().isBefore(windowStart) || pulses.answersBetween(p.pulseId(), from, day).answers() == 0) {
                continue;
            }
            PulseStore.Tally all = pulses.answersUpTo(p.pulseId(), day);
            return new DailySnapshot.Pulse(Math.round(all.scoreSum() * 100.0 / all.answers()) / 100.0, all.answers(), p.pulseId());
        }
        return null;
    }
}
