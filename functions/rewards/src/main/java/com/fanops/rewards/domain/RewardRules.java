package com.fanops.rewards.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.settings.SettingsValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reward rules, the holiday calendar they fire on, and the value above which a manual grant waits for an admin's
 * approval ({@code approvalAbove}, minor units of the item's cost), versioned together.
 */
public record RewardRules(List<RewardRule> rules, Map<String, Holiday> calendar, Long approvalAbove) implements SettingsValue<RewardRules> {

    public static final int MAX_RULES = 200;
    public static final long DEFAULT_APPROVAL_ABOVE = 50_000; // CNY 500.00

    public RewardRules {
        rules = rules == null ? null : List.copyOf(rules);
        calendar = calendar == null ? Map.of() : Map.copyOf(calendar);
        approvalAbove = approvalAbove == null ? DEFAULT_APPROVAL_ABOVE : approvalAbove;
    }

    /** Version 0: no rules, the calendar of Spring Festival (春节) and Mid-Autumn (中秋) for 2026-2030. */
    public static RewardRules defaults() {
        Map<String, Holiday> calendar = new LinkedHashMap<>();
        calendar.put("spring-festival", new Holiday(new Texts("春节", "Spring Festival"), dates("2026-02-17", "2027-02-06", "2028-01-26",
                "2029-02-13", "2030-02-03")));
        calendar.put("mid-autumn", new Holiday(new Texts("中秋节", "Mid-Autumn Festival"), dates("2026-09-25", "2027-09-15", "2028-10-03",
                "2029-09-22", "2030-09-12")));
        return new RewardRules(List.of(), calendar, DEFAULT_APPROVAL_ABOVE);
    }

    private static List<LocalDate> dates(String... days) {
        return java.util.Arrays.stream(days).map(LocalDate::parse).toList();
    }

    public List<RewardRule> active(Trigger trigger) {
        return rules.stream().filter(r -> r.active() && r.trigger() == trigger).toList();
    }

    /** The holidays falling on {@code day}. */
    public List<String> holidaysOn(LocalDate day) {
        return calendar.entrySet().stream().filter(e -> e.getValue().dates().contains(day)).map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (rules == null) {
            errors.add(new FieldError("rules", "is required (an empty list stops every rule)"));
            return errors;
        }
        if (rules.size() > MAX_RULES) {
            errors.add(new FieldError("rules", "at most " + MAX_RULES + " rules"));
            return errors;
        }
        calendar.forEach((key, h) -> {
            String f = "calendar." + key;
            if (!RewardIds.SLUG.matcher(key).matches()) {
                errors.add(new FieldError(f, "a holiday key: 2-48 of a-z, 0-9 and -"));
            }
            if (h == null) {
                errors.add(new FieldError(f, "is required"));
                return;
            }
            Texts.checked(errors, f + ".name", h.name(), 80, false, true);
            if (h.dates().isEmpty() || h.dates().size() > 100 || new HashSet<>(h.dates()).size() != h.dates().size()) {
                errors.add(new FieldError(f + ".dates", "1 to 100 different days"));
            }
        });
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RewardRule rule = rules.get(i);
            rule.validate(errors, "rules[" + i + "]", calendar);
            if (rule.ruleId() != null && !ids.add(rule.ruleId())) {
                errors.add(new FieldError("rules[" + i + "].ruleId", "is used by another rule"));
            }
        }
        if (approvalAbove < 0 || approvalAbove > CatalogueItem.MAX_COST) {
            errors.add(new FieldError("approvalAbove", "minor units from 0 to " + CatalogueItem.MAX_COST));
        }
        return errors;
    }
}
