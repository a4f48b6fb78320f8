package com.fanops.complaints.app;

import com.fanops.complaints.domain.BusinessCalendar;
import com.fanops.complaints.domain.ComplaintSummary;
import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.Priority;
import com.fanops.complaints.domain.SlaClock;
import com.fanops.complaints.domain.SlaPolicy;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.complaints.store.ComplaintSettings;
import com.fanops.complaints.store.MonthTickets;
import com.fanops.platform.http.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monthly summary by category: the tickets received in the month (business time zone), each as it stood at the
 * month's end - or now, for the current month - so a past month's figures do not move. The SLA figures replay each
 * ticket's clock log up to then with the policy and calendar in force now (as the sweep does), at the priority the
 * ticket had then (a later risk flag's raise left out).
 */
public final class ComplaintSummaries {

    /**
     * The summary of a period - a month ({@code 2026-11}) or, for the weekly review, an ISO week ({@code 2026-W48}):
     * tickets received in [{@code from}, {@code to}), as they stood at {@code asOf}.
     */
    public record Summary(String period, boolean weekly, Instant from, Instant to, Instant asOf, List<ComplaintSummary.Row> rows) {
    }

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final YearMonth FIRST = YearMonth.of(2000, 1);

    private final MonthTickets tickets;
    private final ComplaintSettings settings;
    private final ZoneId zone;
    private final Clock clock;

    public ComplaintSummaries(MonthTickets tickets, ComplaintSettings settings, ZoneId zone, Clock clock) {
        this.tickets = tickets;
        this.settings = settings;
        this.zone = zone;
        this.clock = clock;
    }

    /** The {@code month} parameter ({@code yyyy-MM}, from 2000-01 to the current month); absent: the current month. */
    public YearMonth month(String value) {
        YearMonth now = YearMonth.from(clock.instant().atZone(zone));
        if (value == null) {
            return now;
        }
        try {
            YearMonth m = MONTH.matcher(value).matches() ? YearMonth.parse(value) : null;
            if (m != null && !m.isBefore(FIRST) && !m.isAfter(now)) {
                return m;
            }
        } catch (DateTimeParseException e) {
            // reported below, like any other bad value
        }
        throw ProblemException.invalidField("month", "must be a month yyyy-MM from " + FIRST + " to " + now);
    }

    /** The {@code week} parameter ({@code yyyy-Www}, an ISO week from 2000-W01 to the current week): its Monday. */
    public LocalDate week(String value) {
        LocalDate thisWeek = LocalDate.ofInstant(clock.instant(), zone).with(DayOfWeek.MONDAY);
        Matcher m = WEEK.matcher(value);
        if (m.matches()) {
            int year = Integer.parseInt(m.group(1));
            int week = Integer.parseInt(m.group(2));
            LocalDate monday = week < 1 || week > 53 ? null
                    : LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
            if (monday != null && monday.get(IsoFields.WEEK_BASED_YEAR) == year && year >= FIRST.getYear()
                    && !monday.isAfter(thisWeek)) {
                return monday;
            }
        }
        throw ProblemException.invalidField("week", "must be an ISO week yyyy-Www from 2000-W01 to " + weekLabel(thisWeek));
    }

    static String weekLabel(LocalDate day) {
        return String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public Summary summary(YearMonth month) {
        return summary(month.toString(), false, month.atDay(1), month.plusMonths(1).atDay(1));
    }

    /** The ISO week that begins on {@code monday}. */
    public Summary weekSummary(LocalDate monday) {
        return summary(weekLabel(monday), true, monday, monday.plusDays(7));
    }

    private Summary summary(String period, boolean weekly, LocalDate first, LocalDate end) {
        Instant from = first.atStartOfDay(zone).toInstant();
        Instant to = end.atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        Instant asOf = now.isBefore(to) ? now : to;
        SlaPolicy policy = settings.sla().current();
        BusinessCalendar calendar = settings.calendar().current();
        List<ComplaintSummary.Case> cases = new ArrayList<>();
        tickets.forEachReceived(from, to, r -> cases.add(asOf(r, asOf, policy, calendar)));
        return new Summary(period, weekly, from, to, asOf, ComplaintSummary.rows(cases));
    }

    /** {@code {month (or week), from, to, asOf, categories: [row...], total: row}}. */
    public Map<String, Object> json(Summary s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(s.weekly() ? "week" : "month", s.period());
        out.put("from", s.from().toString());
        out.put("to", s.to().toString());
        out.put("asOf", s.asOf().toString());
        out.put("categories", s.rows().subList(0, s.rows().size() - 1));
        out.put("total", s.rows().get(s.rows().size() - 1));
        return out;
    }

    /** The summary as CSV (RFC 4180: CRLF, quoted where needed, a header row), with a UTF-8 byte-order mark for Excel. */
    public String csv(Summary s) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        for (var c : ComplaintSummary.Row.class.getRecordComponents()) {
            schema.addColumn(c.getName());
        }
        try {
            return "\uFEFF" + new CsvMapper().writer(schema.build()).writeValueAsString(s.rows());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary not writable as CSV", e);
        }
    }

    static ComplaintSummary.Case asOf(MonthTickets.Read r, Instant asOf, SlaPolicy policy, BusinessCalendar calendar) {
        Ticket t = r.ticket();
        List<HistoryEntry> upTo = r.history().stream().filter(h -> h.at().isBefore(asOf)).toList();
        TicketStatus status = TicketStatus.NEW;
        for (HistoryEntry h : upTo) {
            if (h.action() != HistoryEntry.Action.ASSIGNED && h.to() != null) {
                status = TicketStatus.of(h.to()).orElse(status);
            }
        }
        boolean resolved = status == TicketStatus.RESOLVED || status == TicketStatus.CLOSED;
        List<SlaClock.Entry> log = upTo.stream().map(HistoryEntry::clockEntry).filter(e -> e != null).toList();
        SlaClock.Replay replay = SlaClock.replay(log, calendar, policy.goals(priorityAt(t, r.history(), asOf), t.diamond()),
                policy.warnAtPercent());
        Long business = null;
        Long calendarMinutes = null;
        var resolution = replay.current(SlaClock.Target.RESOLUTION).filter(s -> !s.open() && s.metAt() != null);
        if (resolved && resolution.isPresent()) {
            business = resolution.get().elapsed().toMinutes();
            calendarMinutes = Duration.between(t.receivedAt(), resolution.get().metAt()).toMinutes();
        }
        Boolean onTime = replay.current(SlaClock.Target.FIRST_RESPONSE).filter(s -> !s.open()).map(s -> !s.breached(asOf)).orElse(null);
        boolean breached = replay.targets().stream().anyMatch(s -> s.breached(asOf));
        Integer score = r.survey() != null && r.survey().at().isBefore(asOf) ? r.survey().score() : null;
        boolean flagged = upTo.stream().anyMatch(h -> h.action() == HistoryEntry.Action.RISK_FLAGGED);
        return new ComplaintSummary.Case(t.category(), resolved, resolved && Boolean.TRUE.equals(t.work().upheld()), business,
                calendarMinutes, onTime, breached, score, flagged);
    }

    /** The priority before the first risk flag made at or after {@code asOf} (its line records {@code priority=<before>-><after>}). */
    private static Priority priorityAt(Ticket t, List<HistoryEntry> history, Instant asOf) {
        for (HistoryEntry h : history) {
            if (h.action() == HistoryEntry.Action.RISK_FLAGGED && !h.at().isBefore(asOf) && h.detail() != null) {
                int i = h.detail().indexOf("priority=");
                int arrow = h.detail().indexOf("->", i);
                if (i >= 0 && arrow > i) {
                    return Priority.of(h.detail().substring(i + "priority=".length(), arrow)).orElse(t.priority());
                }
            }
        }
        return t.priority();
    }
}
