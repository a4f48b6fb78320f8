package com.fanops.metrics.handler;

import com.fanops.engagement.domain.EngagementRules;
import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import com.fanops.metrics.domain.DailySnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The figures computed the slow, obvious way, straight from the raw log - no facts, no calculator: replay the
 * deliveries that had arrived by a moment (as the system applies them: a duplicate counts once, a capped event not at
 * all, an interaction reaching the scorer after the member left is skipped), then count with plain loops over members
 * and days, following the definitions in docs/metrics.md word by word. The one input not from the log is each
 * member's standing, for the tier and category distribution (see {@link World#distribution}).
 */
final class BruteForce {

    private static final EngagementRules RULES = EngagementRules.defaults();

    final ZoneId zone;
    final int dormantAfter;
    final int winBack;

    BruteForce(ZoneId zone, int dormantAfter, int winBack) {
        this.zone = zone;
        this.dormantAfter = dormantAfter;
        this.winBack = winBack;
    }

    /** Everything the system knows at a moment. */
    final class World {
        final Map<String, RawLog.Join> joined = new HashMap<>();
        final Map<String, LocalDate> exitDay = new HashMap<>();
        final Map<String, Boolean> marketing = new HashMap<>();
        final Set<String> countedEvents = new HashSet<>();
        final Map<String, Integer> countedByType = new HashMap<>();
        final Map<String, Set<LocalDate>> active = new HashMap<>();
        final Map<String, Set<LocalDate>> purchased = new HashMap<>();
        final Map<String, Set<LocalDate>> followed = new HashMap<>();
        final Map<String, Set<LocalDate>> unfollowed = new HashMap<>();
        /** Points earned by each member on each day: the day's lot. */
        final Map<LocalDate, Map<String, Long>> points = new HashMap<>();

        boolean community(String m) {
            return joined.containsKey(m) && "member".equals(joined.get(m).kind());
        }

        List<String> communityMembers() {
            return joined.keySet().stream().filter(this::community).sorted().toList();
        }

        LocalDate joinDay(String m) {
            return day(joined.get(m).at());
        }

        boolean memberAt(String m, LocalDate d) {
            return !joinDay(m).isAfter(d) && (exitDay.get(m) == null || exitDay.get(m).isAfter(d));
        }

        boolean activeOn(String m, LocalDate d) {
            return active.getOrDefault(m, Set.of()).contains(d);
        }

        boolean activeBetween(String m, LocalDate from, LocalDate to) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                if (activeOn(m, d)) {
                    return true;
                }
            }
            return false;
        }

        /** The last active day on or before {@code d}, or the admission day if never active since. */
        LocalDate lastActivity(String m, LocalDate d) {
            LocalDate last = joinDay(m);
            for (LocalDate a : active.getOrDefault(m, Set.of())) {
                if (!a.isAfter(d) && a.isAfter(last)) {
                    last = a;
                }
            }
            return last;
        }

        /** Newly dormant on d: last activity exactly N days back, still a member at the end of d. */
        List<String> newlyDormant(LocalDate d) {
            List<String> out = new ArrayList<>();
            for (String m : communityMembers()) {
                if (memberAt(m, d) && lastActivity(m, d).equals(d.minusDays(dormantAfter))) {
                    out.add(m);
                }
            }
            return out;
        }

        /** The current community members (joined, not exited). */
        List<String> currentMembers() {
            return communityMembers().stream().filter(m -> !exitDay.containsKey(m)).toList();
        }

        /**
         * Current community members by tier and by category, given each one's standing ({@code category}, {@code tier};
         * a member without one is potential and bronze).
         */
        DailySnapshot.Distribution distribution(Map<String, Map<String, String>> standings) {
            Map<String, Long> tiers = new LinkedHashMap<>();
            for (String t : List.of("bronze", "silver", "gold", "diamond")) {
                tiers.put(t, 0L);
            }
            Map<String, Long> categories = new LinkedHashMap<>();
            for (String c : List.of("potential", "regular", "active", "core")) {
                categories.put(c, 0L);
            }
            for (String m : currentMembers()) {
                Map<String, String> standing = standings.getOrDefault(m, Map.of());
                tiers.merge(standing.getOrDefault("tier", "bronze"), 1L, Long::sum);
                categories.merge(standing.getOrDefault("category", "potential"), 1L, Long::sum);
            }
            return new DailySnapshot.Distribution(tiers, categories);
        }
    }

    LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    /** Replays the deliveries that arrived before {@code moment}, in arrival order. */
    World world(List<RawLog.Delivery> deliveries, Instant moment) {
        World w = new World();
        for (RawLog.Delivery delivery : deliveries) {
            if (!delivery.arrivesAt().isBefore(moment)) {
                break;
            }
            Object e = delivery.event();
            if (e instanceof RawLog.Join j) {
                if (!w.joined.containsKey(j.memberId())) {
                    w.joined.put(j.memberId(), j);
                    w.marketing.put(j.memberId(), j.marketing());
                }
            } else if (e instanceof RawLog.Exit x) {
                if (w.joined.containsKey(x.memberId()) && !w.exitDay.containsKey(x.memberId())) {
                    w.exitDay.put(x.memberId(), day(x.at()));
                }
            } else if (e instanceof RawLog.ConsentChange c) {
                w.marketing.put(c.memberId(), c.marketing());
            } else if (e instanceof RawLog.Act a) {
                Interaction i = a.interaction();
                String m = i.memberId();
                if (!w.joined.containsKey(m) || w.exitDay.containsKey(m)) {
                    continue; // the scorer skips members who have left
                }
                LocalDate d = day(i.occurredAt());
                String claim = m + "|" + d + "|" + i.channel() + "#" + i.eventId();
                if (w.countedEvents.contains(claim)) {
                    continue; // a duplicate
                }
                String typeDay = m + "|" + d + "|" + i.type();
                int before = w.countedByType.getOrDefault(typeDay, 0);
                if (!EngagementRules.uncapped(i.type()) && before >= RULES.cap(i.type())) {
                    continue; // over the daily cap
                }
                w.countedEvents.add(claim);
                w.countedByType.put(typeDay, before + 1);
                if (RULES.weight(i.type()) > 0) {
                    w.active.computeIfAbsent(m, x -> new HashSet<>()).add(d);
                }
                if (i.type() == InteractionType.PURCHASE) {
                    w.purchased.computeIfAbsent(m, x -> new HashSet<>()).add(d);
                }
                if (i.type() == InteractionType.FOLLOW) {
                    w.followed.computeIfAbsent(m, x -> new HashSet<>()).add(d);
                }
                if (i.type() == InteractionType.UNFOLLOW) {
                    w.unfollowed.computeIfAbsent(m, x -> new HashSet<>()).add(d);
                }
                w.points.computeIfAbsent(d, x -> new HashMap<>()).merge(m, RULES.pointsFor(i), Long::sum);
            }
        }
        return w;
    }

    /**
     * The snapshot of day {@code d} as the world knows it. {@code careQueued} holds the care messages queued so far by
     * day; {@code distribution} is what the day's first run saw; {@code expiryRanFor} says whether the engagement job's
     * expiry had covered the day.
     */
    DailySnapshot expected(World w, LocalDate d, Map<LocalDate, Set<String>> careQueued, DailySnapshot.Distribution distribution,
                           boolean expiryRanFor) {
        List<String> all = w.communityMembers();
        long dau = 0;
        long wau = 0;
        long mau = 0;
        long members = 0;
        long activeMembers = 0;
        long newMembers = 0;
        long exits = 0;
        long follows = 0;
        long unfollows = 0;
        for (String m : all) {
            dau += w.activeOn(m, d) ? 1 : 0;
            wau += w.activeBetween(m, d.minusDays(6), d) ? 1 : 0;
            mau += w.activeBetween(m, d.minusDays(29), d) ? 1 : 0;
            members += w.memberAt(m, d) ? 1 : 0;
            activeMembers += w.memberAt(m, d) && w.activeBetween(m, d.minusDays(29), d) ? 1 : 0;
            newMembers += w.joinDay(m).equals(d) ? 1 : 0;
            exits += d.equals(w.exitDay.get(m)) ? 1 : 0;
            follows += w.followed.getOrDefault(m, Set.of()).contains(d) ? 1 : 0;
            unfollows += w.unfollowed.getOrDefault(m, Set.of()).contains(d) ? 1 : 0;
        }
        DailySnapshot.Members memberFigures = new DailySnapshot.Members(members, newMembers, exits, newMembers - exits, follows, unfollows,
                activeMembers, rate(activeMembers, members));

        // Headline: DN pooled over the K newest cohorts whose window has ended by d (K = 7 for D1 and D7, 30 for D30).
        // Classic: window = day c+N alone; "on or after": days c+N..c+N+6.
        int[] ns = {1, 7, 30};
        DailySnapshot.PooledRate[] classic = new DailySnapshot.PooledRate[3];
        DailySnapshot.PooledRate[] onOrAfter = new DailySnapshot.PooledRate[3];
        for (int k = 0; k < 3; k++) {
            int n = ns[k];
            int cohorts = n == 30 ? 30 : 7;
            for (int windowDays : new int[] {1, 7}) {
                LocalDate newest = d.minusDays(n + windowDays - 1);
                LocalDate oldest = newest.minusDays(cohorts - 1);
                long size = 0;
                long retained = 0;
                for (String m : all) {
                    LocalDate c = w.joinDay(m);
                    if (!c.isBefore(oldest) && !c.isAfter(newest)) {
                        size++;
                        retained += w.activeBetween(m, c.plusDays(n), c.plusDays(n + windowDays - 1)) ? 1 : 0;
                    }
                }
                DailySnapshot.PooledRate figure = new DailySnapshot.PooledRate(oldest, newest, cohorts, size, retained, rate(retained, size));
                if (windowDays == 1) {
                    classic[k] = figure;
                } else {
                    onOrAfter[k] = figure;
                }
            }
        }
        DailySnapshot.Headline headline = new DailySnapshot.Headline(new DailySnapshot.HeadlineRates(classic[0], classic[1], classic[2]),
                new DailySnapshot.HeadlineRates(onOrAfter[0], onOrAfter[1], onOrAfter[2]));

        List<DailySnapshot.CohortRow> rows = new ArrayList<>();
        for (int back = 1; back <= 30; back++) {
            LocalDate c = d.minusDays(back);
            long size = 0;
            long today = 0;
            Map<String, Long> onOrAfterN = new LinkedHashMap<>();
            for (int n = 1; n <= back; n++) {
                onOrAfterN.put(Integer.toString(n), 0L);
            }
            for (String m : all) {
                if (w.joinDay(m).equals(c)) {
                    size++;
                    today += w.activeOn(m, d) ? 1 : 0;
                    for (int n = 1; n <= back; n++) {
                        if (w.activeBetween(m, c.plusDays(n), d)) {
                            onOrAfterN.merge(Integer.toString(n), 1L, Long::sum);
                        }
                    }
                }
            }
            rows.add(new DailySnapshot.CohortRow(c, size, today, onOrAfterN));
        }

        YearMonth cohortMonth = YearMonth.from(d).minusMonths(12);
        long annualSize = 0;
        long annualRetained = 0;
        for (String m : all) {
            if (YearMonth.from(w.joinDay(m)).equals(cohortMonth)) {
                annualSize++;
                if (w.activeBetween(m, d.withDayOfMonth(1), d) && w.memberAt(m, d)) {
                    annualRetained++;
                }
            }
        }
        DailySnapshot.Annual annual = new DailySnapshot.Annual(cohortMonth, annualSize, annualRetained, rate(annualRetained, annualSize));

        long purchasers = 0;
        for (String m : all) {
            boolean bought = false;
            for (LocalDate p : w.purchased.getOrDefault(m, Set.of())) {
                bought |= !p.isBefore(d.minusDays(29)) && !p.isAfter(d);
            }
            if (bought && w.activeBetween(m, d.minusDays(29), d)) {
                purchasers++;
            }
        }
        DailySnapshot.Conversion conversion = new DailySnapshot.Conversion(purchasers, mau, rate(purchasers, mau));

        long issued = 0;
        for (Map.Entry<String, Long> e : w.points.getOrDefault(d, Map.of()).entrySet()) {
            issued += w.community(e.getKey()) ? e.getValue() : 0;
        }
        long expired = 0;
        if (expiryRanFor) {
            for (Map.Entry<LocalDate, Map<String, Long>> lot : w.points.entrySet()) {
                if (lot.getKey().plusMonths(12).equals(d)) {
                    for (Map.Entry<String, Long> e : lot.getValue().entrySet()) {
                        expired += w.community(e.getKey()) ? e.getValue() : 0;
                    }
                }
            }
        }

        long dormant = 0;
        for (String m : all) {
            if (w.memberAt(m, d) && !w.lastActivity(m, d).isAfter(d.minusDays(dormantAfter))) {
                dormant++;
            }
        }
        LocalDate careDay = d.minusDays(winBack);
        Set<String> sent = careQueued.getOrDefault(careDay, Set.of());
        long wonBack = 0;
        for (String m : sent) {
            wonBack += w.activeBetween(m, careDay.plusDays(1), d) ? 1 : 0;
        }
        DailySnapshot.Care care = new DailySnapshot.Care(w.newlyDormant(d).size(), dormant, careQueued.getOrDefault(d, Set.of()).size(),
                new DailySnapshot.WinBack(careDay, sent.size(), wonBack, rate(wonBack, sent.size())));

        List<DailySnapshot.Kpi> kpis = List.of(kpi("monthlyActiveRate", 0.60, memberFigures.monthlyActiveRate()),
                kpi("annualRetention", 0.50, annual.rate()), kpi("satisfaction", 4.5, null), kpi("conversion", 0.10, conversion.rate()));
        return new DailySnapshot(d, zone.getId(), null, null, new DailySnapshot.Activity(dau, wau, mau, rate(dau, mau)), memberFigures,
                new DailySnapshot.Retention(headline, annual), rows,
                conversion, new DailySnapshot.Points(issued, expired), care, null, distribution, kpis, 0, null, null);
    }

    /** The announcements a run makes, on the world it sees: one episode per member per absence, care with consent. */
    void announce(World w, LocalDate from, LocalDate to, LocalDate careFrom, Map<String, List<LocalDate>> episodes,
                  Map<LocalDate, Set<String>> careQueued) {
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (String m : new TreeSet<>(w.newlyDormant(d))) {
                LocalDate day = d;
                boolean known = episodes.getOrDefault(m, List.of()).stream().anyMatch(e -> !e.isBefore(day.minusDays(7)) && !e.isAfter(day));
                if (known) {
                    continue;
                }
                episodes.computeIfAbsent(m, x -> new ArrayList<>()).add(d);
                if (!d.isBefore(careFrom) && Boolean.TRUE.equals(w.marketing.get(m))) {
                    careQueued.computeIfAbsent(d, x -> new HashSet<>()).add(m);
                }
            }
        }
    }

    private static Double rate(long n, long d) {
        return d == 0 ? null : new BigDecimal(n).divide(new BigDecimal(d), 4, RoundingMode.HALF_UP).doubleValue();
    }

    private static DailySnapshot.Kpi kpi(String name, double target, Double actual) {
        if (actual == null) {
            return new DailySnapshot.Kpi(name, target, null, null, null);
        }
        BigDecimal gap = BigDecimal.valueOf(actual).subtract(BigDecimal.valueOf(target)).setScale(4, RoundingMode.HALF_UP);
        return new DailySnapshot.Kpi(name, target, actual, gap.doubleValue(), gap.signum() >= 0);
    }
}
