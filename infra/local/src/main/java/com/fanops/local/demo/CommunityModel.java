package com.fanops.local.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A believable fan community over a past period, as data: who joined when (a growing community with weekend and
 * campaign peaks), with which consents, and what each member did afterwards. Most members arrive curious and fade
 * within days, some settle into a regular rhythm, a few become the core; purchases come from a minority, a few are
 * refunded, referrals come mostly from the core. Staff and test accounts behave like staff and test accounts.
 * Pure and deterministic: the same seed, size, period and "now" give the same community, event for event.
 */
public final class CommunityModel {

    public enum Kind { MEMBER, STAFF, TEST }

    /** How a member's activity evolves after joining. */
    public enum Archetype {
        // share of members, chance of being active on the day after joining, half-life of that chance (days),
        // long-run chance (the floor), mean events on an active day, share who ever buy, chance of a purchase on an active day
        CORE(0.07, 0.70, 60, 0.45, 4.0, 0.60, 0.07),
        REGULAR(0.23, 0.55, 18, 0.08, 2.8, 0.30, 0.06),
        CASUAL(0.70, 0.40, 4, 0.005, 1.8, 0.08, 0.15);

        final double share;
        final double start;
        final double halfLifeDays;
        final double floor;
        final double eventsPerActiveDay;
        final double buyerShare;
        final double purchaseChance;

        Archetype(double share, double start, double halfLifeDays, double floor, double eventsPerActiveDay, double buyerShare,
                  double purchaseChance) {
            this.share = share;
            this.start = start;
            this.halfLifeDays = halfLifeDays;
            this.floor = floor;
            this.eventsPerActiveDay = eventsPerActiveDay;
            this.buyerShare = buyerShare;
            this.purchaseChance = purchaseChance;
        }

        /** Chance of being active on a day {@code age} days after joining (before the weekday effect). */
        public double activeChance(double age) {
            return floor + (start - floor) * Math.pow(2, -age / halfLifeDays);
        }
    }

    public record Member(int index, Kind kind, Archetype archetype, Instant joinedAt, String channel, String region, String nickname,
                         String email, String phone, boolean marketing, boolean personalisation, Integer referredBy) {
    }

    /**
     * One interaction as a channel would post it; {@code member} is the index into {@link Community#members()}.
     * {@code channel} is the brand channel that reports it (each has its own API key); refunds carry the purchase's.
     */
    public record Event(int member, String channel, String eventId, String type, Instant occurredAt, BigDecimal amount, String currency,
                        String refEventId) {
    }

    public record Community(long seed, Instant now, ZoneId zone, LocalDate firstDay, LocalDate lastDay, List<Member> members,
                            List<Event> events) {

        public long count(String type) {
            return events.stream().filter(e -> e.type().equals(type)).count();
        }

        public List<Event> eventsOf(int member) {
            return events.stream().filter(e -> e.member() == member).toList();
        }
    }

    static final String CURRENCY = "CNY";
    private static final String[] CHANNELS = {"wechat", "douyin", "web", "weibo", "store", "event"};
    private static final double[] CHANNEL_SHARE = {0.40, 0.20, 0.15, 0.10, 0.10, 0.05};
    private static final String[] REGIONS = {"Shanghai", "Beijing", "Guangzhou", "Shenzhen", "Hangzhou", "Chengdu", "Wuhan", "Nanjing",
            "Xi'an", "Suzhou", "Chongqing", "Tianjin", "Changsha", "Xiamen", "Qingdao"};
    private static final String[] NICKNAMES = {"星光", "晨曦", "追风", "小鹿", "橙子", "咖啡", "夏天", "云朵", "阿杰", "小美", "Momo", "Leo",
            "Yuki", "木木", "糖糖", "大熊", "Lily", "阿飞", "青柠", "星河"};
    // Interaction mix on an active day (purchases are drawn separately, per member propensity).
    private static final String[] TYPES = {"like", "comment", "vote", "share", "check_in", "answer", "survey", "content_submitted",
            "event_attended", "suggestion_adopted"};
    private static final double[] TYPE_SHARE = {0.38, 0.15, 0.09, 0.08, 0.17, 0.06, 0.03, 0.02, 0.015, 0.002};
    // Hour of day (business time zone): quiet at night, a lunch peak and an evening peak.
    private static final double[] HOUR_SHARE = {1.5, 0.8, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 3.5, 4, 4, 4.5, 6, 5.5, 4, 4, 4, 4.5, 5.5, 6.5,
            8, 8.5, 7, 3.5};

    private CommunityModel() {
    }

    /** How many staff and test accounts a community of this size gets (a few, whatever the size). */
    public static int staffAccounts(int members) {
        return members >= 20 ? 3 : 0;
    }

    public static int testAccounts(int members) {
        return members >= 20 ? 2 : 0;
    }

    /**
     * @param members community members to generate (staff and test accounts come on top)
     * @param days    the period, ending today: members join on any of its days, today included (before {@code now})
     */
    public static Community generate(long seed, int members, int days, Instant now, ZoneId zone) {
        if (members < 1 || days < 1) {
            throw new IllegalArgumentException("members and days must be at least 1");
        }
        LocalDate lastDay = now.atZone(zone).toLocalDate();
        LocalDate firstDay = lastDay.minusDays(days - 1L);
        RandomGenerator rnd = new SplittableRandom(seed);
        List<Member> people = new ArrayList<>();

        // Sign-ups: a growing community (three times the daily sign-ups at the end), busier weekends, two campaigns.
        double[] dayWeight = new double[days];
        int campaignA = (int) (days * 0.3);
        int campaignB = (int) (days * 0.7);
        for (int d = 0; d < days; d++) {
            DayOfWeek dow = firstDay.plusDays(d).getDayOfWeek();
            double w = (1 + 2.0 * d / Math.max(1, days - 1)) * (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 1.35 : 1.0);
            for (int campaign : new int[] {campaignA, campaignB}) {
                w *= d == campaign ? 4 : d == campaign + 1 ? 2 : d == campaign + 2 ? 1.5 : 1;
            }
            dayWeight[d] = w;
        }
        List<Instant> joins = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            int d = pick(rnd, dayWeight);
            joins.add(timeOn(rnd, firstDay.plusDays(d), zone, null, now.minusSeconds(60)));
        }
        joins.sort(Comparator.naturalOrder());
        for (int i = 0; i < members; i++) {
            Instant joinedAt = joins.get(i);
            LocalDate day = joinedAt.atZone(zone).toLocalDate();
            boolean campaign = day.equals(firstDay.plusDays(campaignA)) || day.equals(firstDay.plusDays(campaignB));
            String channel = campaign && rnd.nextDouble() < 0.5 ? (rnd.nextBoolean() ? "event" : "douyin") : CHANNELS[pick(rnd, CHANNEL_SHARE)];
            double a = rnd.nextDouble();
            Archetype type = a < Archetype.CORE.share ? Archetype.CORE : a < Archetype.CORE.share + Archetype.REGULAR.share
                    ? Archetype.REGULAR : Archetype.CASUAL;
            boolean marketing = rnd.nextDouble() < 0.62;
            boolean personalisation = rnd.nextDouble() < (marketing ? 0.55 : 0.18);
            Integer referrer = null;
            if (i >= 10 && rnd.nextDouble() < 0.12) {
                referrer = pickReferrer(rnd, people);
            }
            people.add(person(seed, i, Kind.MEMBER, type, joinedAt, channel, rnd, marketing, personalisation, referrer));
        }
        // Staff join at the start of the period and like everything; test accounts appear once, for a release check.
        for (int s = 0; s < staffAccounts(members); s++) {
            Instant at = timeOn(rnd, firstDay, zone, null, now.minusSeconds(60));
            people.add(person(seed, people.size(), Kind.STAFF, Archetype.CORE, at, "web", rnd, true, true, null));
        }
        for (int s = 0; s < testAccounts(members); s++) {
            Instant at = timeOn(rnd, firstDay.plusDays(rnd.nextInt(days)), zone, null, now.minusSeconds(60));
            people.add(person(seed, people.size(), Kind.TEST, Archetype.CASUAL, at, "web", rnd, false, false, null));
        }

        List<Event> events = new ArrayList<>();
        for (Member m : people) {
            events.addAll(activityOf(seed, m, lastDay, now, zone));
            if (m.referredBy() != null) {
                Instant at = min(m.joinedAt().plus(Duration.ofMinutes(1 + new SplittableRandom(seed + 31L * m.index()).nextInt(120))), now.minusSeconds(60));
                events.add(new Event(m.referredBy(), "web", "demo-" + seed + "-r" + m.index(), "referral_joined", at, null, null, null));
            }
        }
        return new Community(seed, now, zone, firstDay, lastDay, List.copyOf(people), List.copyOf(events));
    }

    private static Member person(long seed, int index, Kind kind, Archetype type, Instant joinedAt, String channel, RandomGenerator rnd,
                                 boolean marketing, boolean personalisation, Integer referrer) {
        String nickname = switch (kind) {
            case STAFF -> "Brand staff " + index;
            case TEST -> "QA test " + index;
            case MEMBER -> NICKNAMES[rnd.nextInt(NICKNAMES.length)] + " " + (index + 1);
        };
        // Contacts are unique per seed and index; phones in the 170/171 virtual-operator range, e-mails at example.com.
        boolean byEmail = kind != Kind.MEMBER || rnd.nextDouble() < 0.3;
        long n = Math.floorMod(seed * 1_000_003L + index, 1_000_000_000L);
        String email = byEmail ? "fan" + index + ".s" + Math.abs(seed) + (kind == Kind.MEMBER ? "" : "." + kind.name().toLowerCase())
                + "@example.com" : null;
        String phone = byEmail ? null : "17" + String.format("%09d", n);
        return new Member(index, kind, type, joinedAt, channel, REGIONS[rnd.nextInt(REGIONS.length)], nickname, email, phone,
                marketing, personalisation, referrer);
    }

    /** Earlier members refer, the core far more than the casual. */
    private static Integer pickReferrer(RandomGenerator rnd, List<Member> earlier) {
        double[] w = new double[earlier.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = switch (earlier.get(i).archetype()) {
                case CORE -> 10;
                case REGULAR -> 3;
                case CASUAL -> 0.5;
            };
        }
        return earlier.get(pick(rnd, w)).index();
    }

    /** What one member did from joining until now; deterministic for the seed and the member's index. */
    static List<Event> activityOf(long seed, Member m, LocalDate lastDay, Instant now, ZoneId zone) {
        // SplittableRandom mixes its seed: neighbouring members do not get correlated draws (java.util.Random would).
        RandomGenerator rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + m.index());
        List<Event> out = new ArrayList<>();
        String social = switch (m.channel()) {
            case "douyin", "weibo", "wechat" -> m.channel();
            default -> "wechat";
        };
        String prefix = "demo-" + seed + "-" + m.index() + "-";
        int[] seq = {0};
        Instant latest = now.minusSeconds(60);
        LocalDate joinDay = m.joinedAt().atZone(zone).toLocalDate();

        if (m.kind() == Kind.TEST) {
            // One release check: a burst of every kind of interaction within an hour, including a 0.01 CNY order.
            for (String type : TYPES) {
                Instant at = min(m.joinedAt().plus(Duration.ofMinutes(1 + seq[0])), latest);
                out.add(new Event(m.index(), channelFor(type, social, rnd), prefix + seq[0]++, type, at, null, null, null));
            }
            out.add(new Event(m.index(), "web", prefix + seq[0]++, "purchase", min(m.joinedAt().plus(Duration.ofMinutes(30)), latest),
                    new BigDecimal("0.01"), CURRENCY, null));
            return out;
        }

        boolean follows = m.kind() == Kind.STAFF || rnd.nextDouble() < 0.6;
        if (follows) {
            out.add(new Event(m.index(), social, prefix + seq[0]++, "follow", min(m.joinedAt().plusSeconds(30 + rnd.nextInt(600)), latest),
                    null, null, null));
        }
        boolean buyer = m.kind() == Kind.MEMBER && rnd.nextDouble() < m.archetype().buyerShare;
        // Casual followers who fade sometimes unfollow, between 10 and 60 days after joining.
        Instant unfollowAt = null;
        if (follows && m.kind() == Kind.MEMBER && m.archetype() == Archetype.CASUAL && rnd.nextDouble() < 0.15) {
            LocalDate day = joinDay.plusDays(10 + rnd.nextInt(51));
            if (!day.isAfter(lastDay)) {
                unfollowAt = timeOn(rnd, day, zone, null, latest);
            }
        }
        List<Event> purchases = new ArrayList<>();
        for (LocalDate day = joinDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
            long age = day.toEpochDay() - joinDay.toEpochDay();
            double chance = m.kind() == Kind.STAFF ? 0.9 : age == 0 ? 0.6 : m.archetype().activeChance(age);
            DayOfWeek dow = day.getDayOfWeek();
            if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
                chance = Math.min(0.95, chance * (m.kind() == Kind.STAFF ? 0.2 : 1.2));
            }
            if (rnd.nextDouble() >= chance) {
                continue;
            }
            Instant from = age == 0 ? m.joinedAt().plusSeconds(60) : null;
            int n = 1 + poisson(rnd, (m.kind() == Kind.STAFF ? 6 : m.archetype().eventsPerActiveDay) - 1);
            boolean checkedIn = false;
            for (int k = 0; k < n; k++) {
                Instant at = timeOn(rnd, day, zone, from, latest);
                if (at == null) {
                    break; // nothing left of the day before now
                }
                String type = m.kind() == Kind.STAFF ? (rnd.nextDouble() < 0.8 ? "like" : "content_submitted") : TYPES[pick(rnd, TYPE_SHARE)];
                if (type.equals("check_in")) {
                    if (checkedIn) {
                        type = "like";
                    }
                    checkedIn = true;
                }
                out.add(new Event(m.index(), channelFor(type, social, rnd), prefix + seq[0]++, type, at, null, null, null));
            }
            if (buyer && rnd.nextDouble() < m.archetype().purchaseChance * (age < 7 ? 2 : 1)) {
                Instant at = timeOn(rnd, day, zone, from, latest);
                if (at != null) {
                    Event p = new Event(m.index(), rnd.nextDouble() < 0.65 ? "web" : "store", prefix + seq[0]++, "purchase", at, price(rnd),
                            CURRENCY, null);
                    out.add(p);
                    purchases.add(p);
                }
            }
        }
        // About one purchase in twelve comes back, within ten days: most in full, some in part.
        for (Event p : purchases) {
            if (rnd.nextDouble() < 0.08) {
                Instant at = p.occurredAt().plus(Duration.ofHours(24 + rnd.nextInt(24 * 9)));
                if (at.isBefore(latest)) {
                    BigDecimal amount = rnd.nextDouble() < 0.7 ? p.amount()
                            : p.amount().divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN).max(new BigDecimal("0.01"));
                    out.add(new Event(m.index(), p.channel(), prefix + seq[0]++, "refund", at, amount, CURRENCY, p.eventId()));
                }
            }
        }
        if (unfollowAt != null) {
            out.add(new Event(m.index(), social, prefix + seq[0]++, "unfollow", unfollowAt, null, null, null));
        }
        return out;
    }

    private static String channelFor(String type, String social, RandomGenerator rnd) {
        return switch (type) {
            case "like", "comment", "share", "vote", "follow", "unfollow" -> social;
            case "event_attended" -> "event";
            case "purchase" -> rnd.nextDouble() < 0.65 ? "web" : "store";
            default -> "web";
        };
    }

    /** Shop prices: log-normal around 168 CNY, between 9.90 and 8,000, ending in .00 or .90. */
    private static BigDecimal price(RandomGenerator rnd) {
        double x = Math.exp(Math.log(168) + 0.8 * rnd.nextGaussian());
        long whole = Math.max(9, Math.min(7999, Math.round(x)));
        return BigDecimal.valueOf(whole).add(rnd.nextBoolean() ? new BigDecimal("0.90") : BigDecimal.ZERO).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A time on a business day, following the hours people are online, within [from, until]; null if that is empty. */
    private static Instant timeOn(RandomGenerator rnd, LocalDate day, ZoneId zone, Instant from, Instant until) {
        Instant start = day.atStartOfDay(zone).toInstant();
        Instant end = day.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
        Instant lo = from != null && from.isAfter(start) ? from : start;
        Instant hi = until.isBefore(end) ? until : end;
        if (hi.isBefore(lo)) {
            return null;
        }
        for (int attempt = 0; attempt < 6; attempt++) {
            ZonedDateTime t = day.atStartOfDay(zone).plusHours(pick(rnd, HOUR_SHARE)).plusSeconds(rnd.nextInt(3600));
            Instant at = t.toInstant();
            if (!at.isBefore(lo) && !at.isAfter(hi)) {
                return at;
            }
        }
        return lo.plusSeconds((long) (rnd.nextDouble() * Duration.between(lo, hi).getSeconds()));
    }

    private static int pick(RandomGenerator rnd, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = rnd.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static int poisson(RandomGenerator rnd, double mean) {
        if (mean <= 0) {
            return 0;
        }
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
