package com.fanops.metrics.handler;

import com.fanops.engagement.domain.Interaction;
import com.fanops.engagement.domain.InteractionType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A community with a known history, generated from a seed: old members (admitted 9-14 months before the start, some
 * active a year ago - their points lots expire during the simulation - and now and then since), new members joining
 * day by day whose activity decays, members who go quiet for 5-7 weeks and come back, staff and test accounts that
 * must never count, exits (left, removed, erased), consent withdrawn and given, purchases, follows and unfollows (also
 * alone on a day), capped bursts, events up to 7 days late, and duplicate deliveries of every kind of event. Categories
 * and tiers are not part of the log: the real scorer and engagement job derive them from the interactions.
 */
final class SyntheticCommunity {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final InteractionType[] COMMON = {InteractionType.LIKE, InteractionType.LIKE, InteractionType.COMMENT,
            InteractionType.SHARE, InteractionType.VOTE, InteractionType.CHECK_IN, InteractionType.ANSWER, InteractionType.SURVEY,
            InteractionType.EVENT_ATTENDED};

    final LocalDate start;
    final LocalDate end;
    final RawLog log = new RawLog();
    private final Random random;
    private final Map<String, Instant> joinedAt = new HashMap<>();
    private int events;
    private int late;
    private int duplicates;

    /** Activity from {@code start} to the day before {@code end}; the daily runs fire from start+1 to end. */
    SyntheticCommunity(LocalDate start, int days, long seed) {
        this.start = start;
        this.end = start.plusDays(days);
        this.random = new Random(seed);
    }

    SyntheticCommunity generate(int oldMembers, int newMembers, int excludedAccounts) {
        for (int i = 0; i < oldMembers; i++) {
            LocalDate joined = start.minusMonths(14).plusDays(random.nextInt(150));
            String m = join(String.format("m_a%04x", i), joined, "member");
            if (random.nextDouble() < 0.5) {
                // a year ago: lots that expire 12 months later, while the simulation runs
                LocalDate from = start.minusMonths(12).plusDays(1);
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    LocalDate d = from.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(start, end) - 3));
                    if (!d.isBefore(joined)) {
                        activeDay(m, d);
                    }
                }
            }
            double p = random.nextDouble() < 0.3 ? 0 : 0.08;
            LocalDate exit = random.nextDouble() < 0.06 ? start.plusDays(5 + random.nextInt(60)) : null;
            for (LocalDate d = start; d.isBefore(end) && (exit == null || d.isBefore(exit)); d = d.plusDays(1)) {
                day(m, d, p);
            }
            if (exit != null && exit.isBefore(end)) {
                exit(m, exit);
            }
            consentChanges(m, joined);
        }
        for (int i = 0; i < newMembers; i++) {
            LocalDate joined = start.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(start, end) - 5));
            String m = join(String.format("m_b%04x", i), joined, "member");
            boolean returner = random.nextDouble() < 0.25;
            int quietFrom = 2 + random.nextInt(15);
            int quietDays = 33 + random.nextInt(15);
            LocalDate exit = random.nextDouble() < 0.08 ? joined.plusDays(5 + random.nextInt(40)) : null;
            double scale = 0.3 + random.nextDouble() * 0.5;
            for (LocalDate d = joined; d.isBefore(end) && (exit == null || d.isBefore(exit)); d = d.plusDays(1)) {
                long k = ChronoUnit.DAYS.between(joined, d);
                double p = scale * Math.exp(-k / 15.0) + 0.02;
                if (returner) {
                    p = k >= quietFrom && k < quietFrom + quietDays ? 0 : k >= quietFrom + quietDays ? 0.35 : p;
                }
                day(m, d, p);
            }
            if (exit != null && exit.isBefore(end)) {
                exit(m, exit);
            }
            consentChanges(m, joined);
        }
        for (int i = 0; i < excludedAccounts; i++) {
            LocalDate joined = start.minusDays(20).plusDays(random.nextInt(50));
            String m = join(String.format("m_c%04x", i), joined, i % 2 == 0 ? "staff" : "test");
            for (LocalDate d = joined; d.isBefore(end); d = d.plusDays(1)) {
                day(m, d, 0.4);
            }
        }
        return this;
    }

    int events() {
        return events;
    }

    int late() {
        return late;
    }

    int duplicates() {
        return duplicates;
    }

    /**
     * Member ids spread over the whole id space ({@code m_} and 32 hex digits, as sign-up makes them), for tests of the
     * fanned-out job, whose shards are id ranges; the default ids ({@code m_a0001}) all fall in one or two of them.
     */
    SyntheticCommunity withSpreadIds() {
        this.spreadIds = true;
        return this;
    }

    private boolean spreadIds;

    private String join(String name, LocalDate day, String kind) {
        String m = spreadIds ? "m_" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "") : name;
        Instant at = time(day);
        RawLog.Join join = new RawLog.Join(m, at, kind, random.nextDouble() < 0.6, random.nextBoolean() ? "zh-CN" : "en");
        log.deliver(at, join);
        if (random.nextDouble() < 0.05) {
            log.deliver(at.plusSeconds(1 + random.nextInt(600)), join);
            duplicates++;
        }
        joinedAt.put(m, at);
        return m;
    }

    private void exit(String m, LocalDate day) {
        Instant at = time(day);
        RawLog.Exit exit = new RawLog.Exit(m, at, random.nextDouble() < 0.8 ? "left" : random.nextBoolean() ? "removed" : "erased");
        log.deliver(at, exit);
        if (random.nextDouble() < 0.2) {
            log.deliver(at.plusSeconds(1 + random.nextInt(3600)), exit);
            duplicates++;
        }
    }

    private void consentChanges(String m, LocalDate joined) {
        if (random.nextDouble() < 0.15) {
            LocalDate d = joined.plusDays(1 + random.nextInt(40));
            if (d.isBefore(end)) {
                Instant at = time(d);
                log.deliver(at, new RawLog.ConsentChange(m, at, random.nextBoolean()));
            }
        }
    }

    private void day(String m, LocalDate d, double p) {
        if (random.nextDouble() < p) {
            activeDay(m, d);
        } else if (random.nextDouble() < 0.01) {
            interaction(m, d, InteractionType.UNFOLLOW); // an unfollow alone: not an active day
        }
    }

    private void activeDay(String m, LocalDate d) {
        int n = 1 + (random.nextDouble() < 0.4 ? 1 + random.nextInt(3) : 0);
        for (int i = 0; i < n; i++) {
            interaction(m, d, COMMON[random.nextInt(COMMON.length)]);
        }
        double r = random.nextDouble();
        if (r < 0.10) {
            interaction(m, d, InteractionType.PURCHASE);
        } else if (r < 0.15) {
            interaction(m, d, InteractionType.FOLLOW);
        } else if (r < 0.18) {
            interaction(m, d, InteractionType.UNFOLLOW);
        } else if (r < 0.20) {
            for (int i = 0; i < 22; i++) {
                interaction(m, d, InteractionType.LIKE); // beyond the daily cap of 20
            }
        } else if (r < 0.23) {
            interaction(m, d, InteractionType.CHECK_IN);
            interaction(m, d, InteractionType.CHECK_IN); // cap 1
        }
    }

    private void interaction(String m, LocalDate d, InteractionType type) {
        Instant at = time(m, d);
        events++;
        BigDecimal amount = type == InteractionType.PURCHASE ? BigDecimal.valueOf(10 + random.nextInt(490)) : null;
        Interaction e = new Interaction(random.nextBoolean() ? "wechat" : "app", "e" + events, m, type, at, amount,
                amount == null ? null : "CNY", null, null);
        Instant arrives = at.plusSeconds(random.nextInt(120));
        if (random.nextDouble() < 0.06) {
            // late: on one of the 7 following business days, at any time of that day
            arrives = d.plusDays(1 + random.nextInt(7)).atStartOfDay(ZONE).toInstant().plusSeconds(random.nextInt(86_400));
            late++;
        }
        log.deliver(arrives, new RawLog.Act(e));
        if (random.nextDouble() < 0.04) {
            log.deliver(arrives.plus(Duration.ofSeconds(10 + random.nextInt(3 * 86_400))), new RawLog.Act(e));
            duplicates++;
        }
    }

    /** A random moment of the day, after the member joined (nobody interacts before being a member). */
    private Instant time(String m, LocalDate d) {
        Instant from = joinedAt.get(m);
        Instant dayStart = d.atStartOfDay(ZONE).toInstant();
        if (from.isAfter(dayStart)) {
            long left = Duration.between(from, d.plusDays(1).atStartOfDay(ZONE).toInstant()).getSeconds();
            return from.plusSeconds(random.nextInt((int) Math.max(1, left)));
        }
        return time(d);
    }

    /** A random moment of the business day - any second, including the minutes before the daily runs. */
    private Instant time(LocalDate d) {
        return d.atStartOfDay(ZONE).toInstant().plusSeconds(random.nextInt(86_400));
    }

}
