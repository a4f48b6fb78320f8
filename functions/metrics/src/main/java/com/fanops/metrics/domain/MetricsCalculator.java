package com.fanops.metrics.domain;

import com.fanops.metrics.domain.DailySnapshot.Activity;
import com.fanops.metrics.domain.DailySnapshot.Annual;
import com.fanops.metrics.domain.DailySnapshot.Care;
import com.fanops.metrics.domain.DailySnapshot.CohortRow;
import com.fanops.metrics.domain.DailySnapshot.Conversion;
import com.fanops.metrics.domain.DailySnapshot.Distribution;
import com.fanops.metrics.domain.DailySnapshot.Headline;
import com.fanops.metrics.domain.DailySnapshot.Members;
import com.fanops.metrics.domain.DailySnapshot.Points;
import com.fanops.metrics.domain.DailySnapshot.Retention;
import com.fanops.metrics.domain.DailySnapshot.WinBack;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A business day's retention figures from the pre-aggregated facts (definitions in docs/metrics.md). Pure: the facts
 * come in a {@link FactWindow}, points, distribution and CSAT from the caller. Every figure counts community members
 * only (excluded accounts never count).
 *
 * <p>Everything rests on one map per day D: each member's last active day in D-L..D (L = {@link Settings#lookbackDays}).
 * DAU/WAU/MAU, "on or after" retention, annual retention, conversion, dormancy and win-back are all thresholds on it.
 */
public final class MetricsCalculator {

    /**
     * @param timeZone         the business time zone (written into the snapshot)
     * @param dormantAfterDays N: a member is dormant when their last activity (or admission) is N days back; above 7,
     *                         the late-event horizon, so a late event can only move an episode, never hide a real one
     * @param winBackDays      activity within this many days after a care message is a win-back
     */
    public record Settings(String timeZone, int dormantAfterDays, int winBackDays) {
        public Settings {
            if (dormantAfterDays <= 7 || dormantAfterDays > 365) {
                throw new IllegalArgumentException("dormantAfterDays must be 8..365");
            }
            if (winBackDays < 1 || winBackDays > 365) {
                throw new IllegalArgumentException("winBackDays must be 1..365");
            }
        }

        /**
         * How many days before D the last-active map of D covers (30 for MAU, more for a longer N or W). The headline
         * retention reads its own days of activity (back to D-35) and cohorts (back to D-65): see {@link HeadlineRetention}.
         */
        public int lookbackDays() {
            return Math.max(30, Math.max(dormantAfterDays, winBackDays));
        }
    }

    /** Figures that come from elsewhere than the fact window. */
    public record Extras(long pointsIssued, long pointsExpired, Distribution distribution, Double csat) {
    }

    private final Settings settings;

    public MetricsCalculator(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public DayView on(LocalDate day, FactWindow facts) {
        return new DayView(day, facts);
    }

    /**
     * The day's snapshot from the shards' partials added up ({@link DayPartial#plus}), the community's member count at
     * the end of the day before and the day's joins and exits ({@code COUNTS}), and the figures from elsewhere (the points
     * issued in {@code extras} are ignored: the shards counted them). Equal to {@link DayView#snapshot} over the whole
     * community: the fanned-out daily job's result.
     */
    public DailySnapshot assemble(DayPartial all, long membersBefore, FactWindow.DayCounts counts, Extras extras, KpiTargets targets,
                                  Instant computedAt) {
        long members = membersBefore + counts.joins() - counts.exits();
        Members m = new Members(members, counts.joins(), counts.exits(), counts.joins() - counts.exits(), all.follows(), all.unfollows(),
                all.activeMembers(), Rates.of(all.activeMembers(), members));
        Conversion conversion = new Conversion(all.purchasers(), all.mau(), Rates.of(all.purchasers(), all.mau()));
        Care care = new Care(all.newlyDormant(), members - all.recent(), all.careSent(),
                new WinBack(all.careDay(), all.careDaySent(), all.wonBack(), Rates.of(all.wonBack(), all.careDaySent())));
        Annual annual = all.annual();
        return new DailySnapshot(all.day(), settings.timeZone(), computedAt, null,
                new Activity(all.dau(), all.wau(), all.mau(), Rates.of(all.dau(), all.mau())), m, new Retention(all.headline(), annual),
                all.cohorts(), conversion, new Points(all.pointsIssued(), extras.pointsExpired()), care, extras.csat(), extras.distribution(),
                targets.against(m.monthlyActiveRate(), annual.rate(), extras.csat(), conversion.rate()), targets.version(), null, null);
    }

    /** One day seen through the facts: the last-active map and the exits are built once for all its figures. */
    public final class DayView {

        private final LocalDate day;
        private final FactWindow facts;
        private final Map<String, LocalDate> lastActive = new HashMap<>();
        private final Map<String, LocalDate> exits = new HashMap<>();

        DayView(LocalDate day, FactWindow facts) {
            this.day = day;
            this.facts = facts;
            LocalDate from = day.minusDays(settings.lookbackDays());
            for (LocalDate d = from; !d.isAfter(day); d = d.plusDays(1)) {
                for (String m : facts.activity(d).active()) {
                    if (!facts.excluded(m)) {
                        lastActive.put(m, d);
                    }
                }
                // A member active or admitted in the window can only have left inside it: these exits are all we need.
                for (FactWindow.Exited e : facts.exited(d)) {
                    exits.put(e.memberId(), d);
                }
            }
        }

        /** Active on some day from {@code from} to D. */
        private boolean activeSince(String memberId, LocalDate from) {
            LocalDate last = lastActive.get(memberId);
            return last != null && !last.isBefore(from);
        }

        private long activeSinceCount(LocalDate from) {
            return lastActive.values().stream().filter(d -> !d.isBefore(from)).count();
        }

        private List<FactWindow.Joined> cohort(LocalDate joinDay) {
            return facts.joined(joinDay).stream().filter(j -> j.community() && !facts.excluded(j.memberId())).toList();
        }

        private long community(Set<String> ids) {
            return ids.stream().filter(m -> !facts.excluded(m)).count();
        }

        /**
         * Members who become dormant on D: last activity - an active day, or the admission day if never active - is
         * exactly D-N, and still members at the end of D. Sorted by member id, with that last activity day.
         */
        public SortedMap<String, LocalDate> newlyDormant() {
            LocalDate lastDay = day.minusDays(settings.dormantAfterDays());
            Set<String> candidates = new HashSet<>();
            facts.activity(lastDay).active().stream().filter(m -> !facts.excluded(m)).forEach(candidates::add);
            cohort(lastDay).forEach(j -> candidates.add(j.memberId()));
            SortedMap<String, LocalDate> out = new TreeMap<>();
            for (String m : candidates) {
                if (!activeSince(m, lastDay.plusDays(1)) && !exits.containsKey(m)) {
                    out.put(m, lastDay);
                }
            }
            return out;
        }

        /** Current members whose last activity (or admission) is on or before D-N. */
        long dormant(long members) {
            return members - recent();
        }

        /** Members active or admitted in the last N days and still members: the complement of the dormant. */
        private long recent() {
            LocalDate since = day.minusDays(settings.dormantAfterDays() - 1L);
            Set<String> recent = new HashSet<>();
            lastActive.forEach((m, d) -> {
                if (!d.isBefore(since)) {
                    recent.add(m);
                }
            });
            for (LocalDate d = since; !d.isAfter(day); d = d.plusDays(1)) {
                cohort(d).forEach(j -> recent.add(j.memberId()));
            }
            recent.removeAll(exits.keySet());
            return recent.size();
        }

        /** The 30 daily cohorts before the day: size, active on the day, and active since each later day. */
        private List<CohortRow> cohortRows() {
            List<CohortRow> rows = new ArrayList<>();
            for (int back = 1; back <= 30; back++) {
                LocalDate c = day.minusDays(back);
                List<FactWindow.Joined> cohort = cohort(c);
                Map<String, Long> later = new LinkedHashMap<>();
                for (int n = 1; n <= back; n++) {
                    LocalDate from = c.plusDays(n);
                    later.put(Integer.toString(n), cohort.stream().filter(j -> activeSince(j.memberId(), from)).count());
                }
                rows.add(new CohortRow(c, cohort.size(), cohort.stream().filter(j -> activeSince(j.memberId(), day)).count(), later));
            }
            return rows;
        }

        /** Community members with a purchase in the 30 days to the day, active in them. */
        private Set<String> purchasers() {
            Set<String> purchasers = new HashSet<>();
            for (LocalDate d = day.minusDays(29); !d.isAfter(day); d = d.plusDays(1)) {
                facts.activity(d).purchased().stream().filter(p -> !facts.excluded(p) && activeSince(p, day.minusDays(29)))
                        .forEach(purchasers::add);
            }
            return purchasers;
        }

        /**
         * The day's counts over the members in the facts (one shard's, in a fanned-out run), with the points issued to
         * them: {@link #snapshot}'s figures before any rate, to be added up with the other shards' ({@link DayPartial}).
         */
        public DayPartial partial(long pointsIssued) {
            long mau = activeSinceCount(day.minusDays(29));
            FactWindow.Activity today = facts.activity(day);
            Headline headline = new HeadlineRetention(day, c -> cohort(c).stream().map(FactWindow.Joined::memberId).toList(),
                    d -> facts.activity(d).active()).figures();
            List<CohortRow> rows = cohortRows();
            Set<String> purchasers = purchasers();
            LocalDate careDay = day.minusDays(settings.winBackDays());
            Set<String> sent = facts.careQueued(careDay);
            long wonBack = sent.stream().filter(s -> !facts.excluded(s) && activeSince(s, careDay.plusDays(1))).count();
            return new DayPartial(day, activeSinceCount(day), activeSinceCount(day.minusDays(6)), mau, community(today.followed()),
                    community(today.unfollowed()), activeMembers(), headline, rows, annual(), purchasers.size(), newlyDormant().size(), recent(),
                    community(facts.careQueued(day)), careDay, community(sent), wonBack, pointsIssued);
        }

        public DailySnapshot snapshot(long membersBefore, Extras extras, KpiTargets targets, Instant computedAt) {
            long dau = activeSinceCount(day);
            long wau = activeSinceCount(day.minusDays(6));
            long mau = activeSinceCount(day.minusDays(29));
            FactWindow.DayCounts counts = facts.counts(day);
            long members = membersBefore + counts.joins() - counts.exits();
            FactWindow.Activity today = facts.activity(day);
            long activeMembers = activeMembers();
            Members m = new Members(members, counts.joins(), counts.exits(), counts.joins() - counts.exits(),
                    community(today.followed()), community(today.unfollowed()), activeMembers, Rates.of(activeMembers, members));

            Headline headline = new HeadlineRetention(day, c -> cohort(c).stream().map(FactWindow.Joined::memberId).toList(),
                    d -> facts.activity(d).active()).figures();
            List<CohortRow> rows = cohortRows();
            Annual annual = annual();

            Set<String> purchasers = purchasers();
            Conversion conversion = new Conversion(purchasers.size(), mau, Rates.of(purchasers.size(), mau));

            LocalDate careDay = day.minusDays(settings.winBackDays());
            Set<String> sent = facts.careQueued(careDay);
            long sentCount = community(sent);
            long wonBack = sent.stream().filter(s -> !facts.excluded(s) && activeSince(s, careDay.plusDays(1))).count();
            Care care = new Care(newlyDormant().size(), dormant(members), community(facts.careQueued(day)),
                    new WinBack(careDay, sentCount, wonBack, Rates.of(wonBack, sentCount)));

            Retention retention = new Retention(headline, annual);
            return new DailySnapshot(day, settings.timeZone(), computedAt, null, new Activity(dau, wau, mau, Rates.of(dau, mau)), m,
                    retention, rows, conversion, new Points(extras.pointsIssued(), extras.pointsExpired()), care, extras.csat(),
                    extras.distribution(),
                    targets.against(m.monthlyActiveRate(), annual.rate(), extras.csat(), conversion.rate()), targets.version(), null, null);
        }

        /**
         * The members at the end of D active on some day of D-29..D: active in the window, not exited on or before D. An
         * active member can only have left after an active day, so inside the window, where {@code exits} has them all.
         */
        private long activeMembers() {
            LocalDate from = day.minusDays(29);
            return lastActive.entrySet().stream().filter(e -> !e.getValue().isBefore(from) && !exits.containsKey(e.getKey())).count();
        }

        /** Admitted in month M-12; retained when active in month M up to D and still a member at the end of D. */
        private Annual annual() {
            YearMonth month = YearMonth.from(day).minusMonths(12);
            LocalDate monthStart = day.withDayOfMonth(1);
            long size = 0;
            long retained = 0;
            for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
                for (FactWindow.Joined j : cohort(d)) {
                    size++;
                    boolean member = j.exitDay() == null || j.exitDay().isAfter(day);
                    if (member && activeSince(j.memberId(), monthStart)) {
                        retained++;
                    }
                }
            }
            return new Annual(month, size, retained, Rates.of(retained, size));
        }
    }
}
