package com.fanops.rewards.app;

import com.fanops.members.domain.MemberProfile;
import com.fanops.platform.jobs.Shard;
import com.fanops.platform.log.Log;
import com.fanops.rewards.domain.MemberSnapshot;
import com.fanops.rewards.domain.RewardRule;
import com.fanops.rewards.domain.RewardRules;
import com.fanops.rewards.domain.Trigger;
import com.fanops.rewards.store.RewardRulesStore;
import com.fanops.rewards.store.WinBackStore;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The daily rewards run, as of a business day: birthday rewards (members who volunteered a birthday and hold the rule's
 * consent; a 29 February birthday is kept on 28 February in other years), membership anniversaries, holidays of the
 * calendar, win-backs (members back within a rule's window after going dormant), and the expiry of rewards whose
 * validity ended. Every issuance's cause names the year or the day ({@code birthday-2026}, {@code holiday-mid-autumn-2026-09-25}),
 * so a day run twice, or a year of days, issues each once.
 */
public final class DailyRewards {

    private static final Log LOG = Log.get(DailyRewards.class);

    /** Reads a member's volunteered birthday (decrypting it); asked only for members holding the rule's consent. */
    @FunctionalInterface
    public interface Birthdays {
        Optional<LocalDate> of(MemberProfile profile);
    }

    private final RewardRulesStore rules;
    private final MemberLookup members;
    private final RuleEngine engine;
    private final IssuanceStatuses statuses;
    private final WinBackStore winBacks;
    private final Birthdays birthdays;
    private final ZoneId zone;

    public DailyRewards(RewardRulesStore rules, MemberLookup members, RuleEngine engine, IssuanceStatuses statuses, WinBackStore winBacks,
                        Birthdays birthdays, ZoneId zone) {
        this.rules = rules;
        this.members = members;
        this.engine = engine;
        this.statuses = statuses;
        this.winBacks = winBacks;
        this.birthdays = birthdays;
        this.zone = zone;
    }

    public Map<String, Object> run(LocalDate today) {
        Map<String, Integer> issued = new LinkedHashMap<>();
        RewardRules current = rules.current();
        Today due = new Today(current, today);
        if (due.anyPerMember()) {
            members.forEachAdmitted(profile -> reward(due, profile, issued));
        }
        winBack(current, today, issued, memberId -> true);
        int expired = statuses.expire(today);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("day", today.toString());
        summary.put("issued", issued);
        summary.put("expired", expired);
        LOG.info("daily rewards run", "day", today.toString(), "issued", issued.toString(), "expired", expired);
        return summary;
    }

    /** What one shard of a fanned-out run issued and expired. */
    public record ShardCounts(Map<String, Integer> issued, int expired) {
    }

    /**
     * One shard of the run ({@link DailyRewardsJob}): the admitted members of one segment of a parallel Scan of the members
     * table ({@code segment} of {@code segments}: DynamoDB splits the table by key hash, so the segments partition the
     * members and each reads about 1/{@code segments} of the table), the win-back episodes of the members in {@code range} (a
     * member-id range: another partition of the same members, so each episode is looked at by one shard), and - in shard 0
     * only - the expiry, which reads only the rewards due that day. Issuance is once per cause, so a shard worked twice
     * issues nothing more.
     */
    public ShardCounts runShard(LocalDate today, int segment, int segments, Shard range) {
        Map<String, Integer> issued = new LinkedHashMap<>();
        RewardRules current = rules.current();
        Today due = new Today(current, today);
        if (due.anyPerMember()) {
            members.forEachAdmitted(segment, segments, profile -> reward(due, profile, issued));
        }
        winBack(current, today, issued, range::contains);
        int expired = segment == 0 ? statuses.expire(today) : 0;
        return new ShardCounts(issued, expired);
    }

    /** The rules that act on every admitted member today. */
    private record Today(LocalDate day, List<RewardRule> birthday, List<RewardRule> anniversary, List<RewardRule> holiday) {

        Today(RewardRules current, LocalDate today) {
            this(today, current.active(Trigger.BIRTHDAY), current.active(Trigger.ANNIVERSARY), holidayRules(current, today));
        }

        private static List<RewardRule> holidayRules(RewardRules current, LocalDate today) {
            List<String> holidays = current.holidaysOn(today);
            return current.active(Trigger.HOLIDAY).stream().filter(r -> holidays.contains(r.holiday())).toList();
        }

        boolean anyPerMember() {
            return !birthday.isEmpty() || !anniversary.isEmpty() || !holiday.isEmpty();
        }
    }

    /** Birthday, anniversary and holiday rewards of one admitted member. */
    private void reward(Today due, MemberProfile profile, Map<String, Integer> issued) {
        LocalDate today = due.day();
        MemberSnapshot[] snapshot = {null};
        java.util.function.Supplier<MemberSnapshot> member = () -> snapshot[0] == null ? (snapshot[0] = members.snapshot(profile))
                : snapshot[0];
        for (RewardRule rule : due.birthday()) {
            if (profile.birthdayEnc() == null || !profile.consents().containsKey(rule.consentPurpose())
                    || !profile.consents().get(rule.consentPurpose()).granted()) {
                continue; // no birthday volunteered, or no consent to use it: never decrypted
            }
            Optional<LocalDate> birthday = birthdays.of(profile);
            if (birthday.isPresent() && celebratedOn(MonthDay.from(birthday.get()), today)) {
                count(issued, "birthday", engine.fire(Trigger.BIRTHDAY, profile.memberId(), "birthday-" + today.getYear(),
                        only(rule), member.get()));
            }
        }
        LocalDate joined = profile.joinedAt() == null ? null : profile.joinedAt().atZone(zone).toLocalDate();
        if (joined != null && !due.anniversary().isEmpty() && today.getYear() > joined.getYear()
                && celebratedOn(MonthDay.from(joined), today)) {
            count(issued, "anniversary", engine.fire(Trigger.ANNIVERSARY, profile.memberId(), "anniversary-" + today.getYear(),
                    r -> true, member.get()));
        }
        for (RewardRule rule : due.holiday()) {
            count(issued, "holiday", engine.fire(Trigger.HOLIDAY, profile.memberId(), "holiday-" + rule.holiday() + "-" + today,
                    only(rule), member.get()));
        }
    }

    /** A 29 February birthday or join day is celebrated on 28 February in years without one. */
    static boolean celebratedOn(MonthDay day, LocalDate today) {
        if (day.equals(MonthDay.of(2, 29)) && !today.isLeapYear()) {
            return today.getMonthValue() == 2 && today.getDayOfMonth() == 28;
        }
        return MonthDay.from(today).equals(day);
    }

    private void winBack(RewardRules current, LocalDate today, Map<String, Integer> issued, Predicate<String> mine) {
        List<RewardRule> winBackRules = current.active(Trigger.WIN_BACK);
        int longest = winBackRules.stream().mapToInt(RewardRule::withinDays).max().orElse(0);
        for (WinBackStore.Episode e : winBacks.since(today.minusDays(366))) {
            if (!mine.test(e.memberId())) {
                continue;
            }
            if (winBackRules.isEmpty() || today.isAfter(e.dormantOn().plusDays(longest + 1L))) {
                winBacks.close(e);
                continue;
            }
            for (RewardRule rule : winBackRules) {
                LocalDate until = e.dormantOn().plusDays(rule.withinDays());
                LocalDate end = until.isBefore(today) ? until : today;
                if (members.activeBetween(e.memberId(), e.dormantOn().plusDays(1), end)) {
                    count(issued, "win-back", engine.fire(Trigger.WIN_BACK, e.memberId(), "winback-" + e.dormantOn(), only(rule), null));
                }
            }
        }
    }

    private static Predicate<RewardRule> only(RewardRule rule) {
        return r -> r.ruleId().equals(rule.ruleId());
    }

    private static void count(Map<String, Integer> issued, String kind, List<RuleEngine.Fired> fired) {
        issued.merge(kind, (int) fired.stream().filter(f -> f.outcome().equals("issued")).count(), Integer::sum);
    }
}
