package com.fanops.metrics.handler;

import com.fanops.complaints.store.TicketStore;
import com.fanops.metrics.app.MetricsJob;
import java.time.LocalDate;

/**
 * The metrics job's CSAT, from the complaints capability's daily survey counters: the average score (1-5) of the surveys
 * answered in the {@value #WINDOW_DAYS} business days ending that day (so a quiet day still has a figure), rounded to two
 * decimals; null when none was answered in the window. One read per day of the window.
 */
final class SatisfactionFromSurveys implements MetricsJob.Satisfaction {

    static final int WINDOW_DAYS = 30;
    private final TicketStore tickets;

    SatisfactionFromSurveys(TicketStore tickets) {
        this.tickets = tickets;
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
}
