package com.fanops.rewards.domain;

import com.fanops.engagement.domain.Category;
import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.Purpose;
import com.fanops.platform.http.FieldError;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule that issues a catalogue item when its trigger fires for a member who meets its conditions: the member's tier
 * ({@code tiers}; for tier-reached the tier reached), category, kind (default: community members only), and the consent
 * purpose the reward relies on ({@code consentPurpose}: the member must hold it when the rule fires; a birthday rule must
 * name one, since it uses a birthday the member volunteered). {@code capPerMember}: at most that many issuances of this
 * rule per member, ever (absent: one per cause). Trigger settings: {@code holiday} (a key of the calendar),
 * {@code withinDays} (win-back: back within that many days of going dormant), {@code topN} (top participants),
 * {@code complaintCategories} (service recovery: only complaints of these categories; empty: any).
 *
 * <p>Service recovery fires on an upheld resolution ({@code ComplaintResolved}), on a survey score at most
 * {@code maxScore} ({@code ComplaintScored}; default 2, 0 turns it off) and, with {@code onBreach}, on an SLA breach of
 * the member's ticket ({@code SlaBreached}); {@code minTier} keeps it to members at or above a tier (for a score, the
 * tier when they answered). Whatever fires first issues, once per ticket: every cause is {@code complaint-<ticketId>}.
 */
public record RewardRule(String ruleId, Trigger trigger, String itemId, Boolean active, Texts name, List<String> tiers,
                         List<String> categories, String consentPurpose, List<String> kinds, String holiday, Integer withinDays,
                         Integer topN, List<String> complaintCategories, Integer capPerMember, String minTier, Integer maxScore,
                         Boolean onBreach) {

    public static final int DEFAULT_MAX_SCORE = 2;

    public static final List<String> CATEGORY_KEYS = Arrays.stream(Category.values()).map(Category::key).toList();
    public static final List<String> KIND_KEYS = Arrays.stream(MemberKind.values()).map(MemberKind::key).toList();
    public static final List<String> PURPOSE_KEYS = Arrays.stream(Purpose.values()).map(Purpose::key).toList();

    public RewardRule {
        active = active == null || active;
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        categories = categories == null ? List.of() : List.copyOf(categories);
        kinds = kinds == null || kinds.isEmpty() ? List.of(MemberKind.MEMBER.key()) : List.copyOf(kinds);
        complaintCategories = complaintCategories == null ? List.of() : List.copyOf(complaintCategories);
        onBreach = onBreach != null && onBreach;
    }

    /** A service-recovery rule's score threshold: a survey score at most this fires it (0: scores never do). */
    public int scoreThreshold() {
        return maxScore == null ? DEFAULT_MAX_SCORE : maxScore;
    }

    void validate(List<FieldError> errors, String f, Map<String, Holiday> calendar) {
        if (ruleId == null || !RewardIds.SLUG.matcher(ruleId).matches()) {
            errors.add(new FieldError(f + ".ruleId", "2-48 of a-z, 0-9 and -, starting with a letter or digit"));
        }
        if (trigger == null) {
            errors.add(new FieldError(f + ".trigger", "is required: one of " + String.join(", ", Trigger.KEYS)));
        }
        if (itemId == null || !RewardIds.SLUG.matcher(itemId).matches()) {
            errors.add(new FieldError(f + ".itemId", "is required: a catalogue item id"));
        }
        Texts.checked(errors, f + ".name", name, 80, false, false);
        keys(errors, f + ".tiers", tiers, CatalogueItem.TIER_KEYS);
        keys(errors, f + ".categories", categories, CATEGORY_KEYS);
        keys(errors, f + ".kinds", kinds, KIND_KEYS);
        if (consentPurpose != null && !PURPOSE_KEYS.contains(consentPurpose)) {
            errors.add(new FieldError(f + ".consentPurpose", "one of " + String.join(", ", PURPOSE_KEYS)));
        }
        if (trigger == Trigger.BIRTHDAY && consentPurpose == null) {
            errors.add(new FieldError(f + ".consentPurpose", "a birthday rule names the consent that covers using the birthday"));
        }
        if ((trigger == Trigger.HOLIDAY) != (holiday != null)) {
            errors.add(new FieldError(f + ".holiday", trigger == Trigger.HOLIDAY ? "is required: a key of the calendar" : "only for a holiday rule"));
        } else if (holiday != null && !calendar.containsKey(holiday)) {
            errors.add(new FieldError(f + ".holiday", "is not in the calendar"));
        }
        if ((trigger == Trigger.WIN_BACK) != (withinDays != null)) {
            errors.add(new FieldError(f + ".withinDays", trigger == Trigger.WIN_BACK ? "is required: 1 to 365" : "only for a win-back rule"));
        } else if (withinDays != null && (withinDays < 1 || withinDays > 365)) {
            errors.add(new FieldError(f + ".withinDays", "from 1 to 365"));
        }
        if ((trigger == Trigger.TOP_PARTICIPANT) != (topN != null)) {
            errors.add(new FieldError(f + ".topN", trigger == Trigger.TOP_PARTICIPANT ? "is required: 1 to 1000" : "only for a top-participant rule"));
        } else if (topN != null && (topN < 1 || topN > 1000)) {
            errors.add(new FieldError(f + ".topN", "from 1 to 1000"));
        }
        if (!complaintCategories.isEmpty() && trigger != Trigger.SERVICE_RECOVERY) {
            errors.add(new FieldError(f + ".complaintCategories", "only for a service-recovery rule"));
        }
        for (int i = 0; i < complaintCategories.size(); i++) {
            if (!RewardIds.SLUG.matcher(complaintCategories.get(i)).matches()) {
                errors.add(new FieldError(f + ".complaintCategories[" + i + "]", "a complaint category key"));
            }
        }
        boolean recovery = trigger == Trigger.SERVICE_RECOVERY;
        if (minTier != null && (!recovery || !CatalogueItem.TIER_KEYS.contains(minTier))) {
            errors.add(new FieldError(f + ".minTier", recovery ? "one of " + String.join(", ", CatalogueItem.TIER_KEYS)
                    : "only for a service-recovery rule"));
        }
        if (maxScore != null && (!recovery || maxScore < 0 || maxScore > 5)) {
            errors.add(new FieldError(f + ".maxScore", recovery ? "from 0 (never on a score) to 5" : "only for a service-recovery rule"));
        }
        if (onBreach && !recovery) {
            errors.add(new FieldError(f + ".onBreach", "only for a service-recovery rule"));
        }
        if (capPerMember != null && (capPerMember < 1 || capPerMember > 1000)) {
            errors.add(new FieldError(f + ".capPerMember", "from 1 to 1000, or absent"));
        }
    }

    private static void keys(List<FieldError> errors, String field, List<String> values, List<String> allowed) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!allowed.contains(values.get(i)) || !seen.add(values.get(i))) {
                errors.add(new FieldError(field + "[" + i + "]", "one of " + String.join(", ", allowed) + ", each once"));
            }
        }
    }
}
