package com.fanops.rewards.app;

import com.fanops.platform.http.ProblemException;
import com.fanops.rewards.domain.ArchiveTotals;
import com.fanops.rewards.domain.Issuance;
import com.fanops.rewards.store.IssuanceStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reward archive as operators read it: pages filtered by period, type, status, rule, budget, item and trigger; a
 * member's rewards; totals by type, rule, month and status with their cost; and the CSV export (Jackson's CSV module).
 * Analysts get the same without member ids, codes, operators or reasons.
 */
public final class RewardArchive {

    /** The longest period one query or export covers. */
    public static final int MAX_DAYS = 366;
    /** The most rows one export holds; a longer period is exported in parts. */
    public static final int MAX_EXPORT = 100_000;
    static final List<String> COLUMNS = List.of("issuanceId", "memberId", "itemId", "type", "trigger", "ruleId", "budgetId", "cost",
            "pointsPrice", "points", "cashAmount", "codePoolId", "status", "issuedAt", "day", "statusAt", "validUntil", "consentPurpose",
            "consentVersion", "actor", "reason");

    private final IssuanceStore archive;
    private final ZoneId zone;
    private final Clock clock;

    public RewardArchive(IssuanceStore archive, ZoneId zone, Clock clock) {
        this.archive = archive;
        this.zone = zone;
        this.clock = clock;
    }

    public LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    public static void checkPeriod(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ProblemException.invalidField("to", "must be on or after from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw ProblemException.invalidField("to", "a period is at most " + MAX_DAYS + " days");
        }
    }

    public IssuanceStore.Page page(LocalDate from, LocalDate to, IssuanceStore.Filter filter, String cursor, int limit, boolean personal) {
        checkPeriod(from, to);
        IssuanceStore.Page page = archive.inPeriod(from, to, filter, cursor, limit);
        return personal ? page : new IssuanceStore.Page(page.items().stream().map(Issuance::withoutPersonalFields).toList(), page.next());
    }

    public IssuanceStore.Page member(String memberId, String cursor, int limit) {
        return archive.byMember(memberId, cursor, limit);
    }

    public ArchiveTotals totals(LocalDate from, LocalDate to, IssuanceStore.Filter filter) {
        checkPeriod(from, to);
        ArchiveTotals totals = new ArchiveTotals();
        archive.forEachInPeriod(from, to, filter, totals::add);
        return totals;
    }

    public String csv(LocalDate from, LocalDate to, IssuanceStore.Filter filter, boolean personal) {
        checkPeriod(from, to);
        List<Map<String, Object>> rows = new ArrayList<>();
        archive.forEachInPeriod(from, to, filter, i -> {
            if (rows.size() >= MAX_EXPORT) {
                throw ProblemException.invalidField("to", "more than " + MAX_EXPORT + " rewards: export a shorter period");
            }
            rows.add(row(personal ? i : i.withoutPersonalFields()));
        });
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        try {
            return new CsvMapper().writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("archive not writable as CSV", e);
        }
    }

    private static Map<String, Object> row(Issuance i) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("issuanceId", i.issuanceId());
        row.put("memberId", i.memberId());
        row.put("itemId", i.itemId());
        row.put("type", i.type().key());
        row.put("trigger", i.trigger());
        row.put("ruleId", i.ruleId());
        row.put("budgetId", i.budgetId());
        row.put("cost", i.cost());
        row.put("pointsPrice", i.pointsPrice());
        row.put("points", i.points());
        row.put("cashAmount", i.cashAmount());
        row.put("codePoolId", i.codePoolId());
        row.put("status", i.status().key());
        row.put("issuedAt", i.issuedAt().toString());
        row.put("day", i.day().toString());
        row.put("statusAt", i.statusAt().toString());
        row.put("validUntil", i.expiresOn() == null ? null : i.expiresOn().toString());
        row.put("consentPurpose", i.consent() == null ? null : i.consent().purpose());
        row.put("consentVersion", i.consent() == null ? null : i.consent().noticeVersion());
        row.put("actor", i.actor());
        row.put("reason", i.reason());
        return row;
    }
}
