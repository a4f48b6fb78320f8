package com.fanops.complaints.domain;

import com.fanops.engagement.domain.Tier;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.settings.SettingsValue;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * When a ticket is a 舆情 (public-opinion) risk (versioned setting {@code complaints-risk}):
 * <ul>
 *   <li>{@code keyword}: one of {@code keywords} appears in the description (case-insensitive, both sides NFKC);</li>
 *   <li>{@code spike}: its category's count of tickets that business day, this one included, is at least
 *       {@code spikeMinimum} and above {@code spikeFactor} times the median daily count of the {@value #SPIKE_DAYS}
 *       calendar days before (a day without tickets counts 0) - counts only grow through a day, so the ticket that
 *       crosses the line and every later one that day are flagged;</li>
 *   <li>{@code repeat}: the same contact (its blind index) filed at least {@code repeatCount} tickets within
 *       {@code repeatDays} days, this one included;</li>
 *   <li>{@code low_score}: a member whose tier is at least {@code lowScoreTier} rates the handling {@code lowScore} or
 *       less.</li>
 * </ul>
 */
public record RiskRules(List<String> keywords, Double spikeFactor, Integer spikeMinimum, Integer repeatCount, Integer repeatDays,
                        String lowScoreTier, Integer lowScore) implements SettingsValue<RiskRules> {

    /** The days before the ticket's day whose median is the spike's baseline. */
    public static final int SPIKE_DAYS = 28;

    public RiskRules {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    public static RiskRules defaults() {
        return new RiskRules(List.of("媒体", "曝光", "记者", "律师", "集体", "投诉到", "维权", "315", "journalist", "lawyer", "viral", "media",
                "press", "class action"), 3.0, 5, 3, 30, "gold", 2);
    }

    public boolean keyword(String description) {
        String text = normal(description);
        return keywords.stream().anyMatch(w -> w != null && !w.isBlank() && text.contains(normal(w)));
    }

    /** {@code today}: the category's tickets that day, this one included; {@code before}: the counts of the days before. */
    public boolean spike(long today, List<Long> before) {
        return today >= spikeMinimum && today > spikeFactor * median(before);
    }

    /** {@code recent}: the contact's tickets within {@code repeatDays}, this one included. */
    public boolean repeat(long recent) {
        return recent >= repeatCount;
    }

    /** A survey answer from a member of this tier (null: not a member). */
    public boolean lowScore(Tier tier, int score) {
        return tier != null && tier.ordinal() >= Tier.of(lowScoreTier).ordinal() && score <= lowScore;
    }

    /** The median (the mean of the two middle values for an even count); 0 for no values. */
    public static double median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
    }

    private static String normal(String s) {
        return Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    @Override
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (keywords.size() > 200) {
            errors.add(new FieldError("keywords", "at most 200 words"));
        }
        for (int i = 0; i < keywords.size(); i++) {
            String w = keywords.get(i);
            if (w == null || w.isBlank() || w.length() > 40) {
                errors.add(new FieldError("keywords[" + i + "]", "a word of 1-40 characters"));
            }
        }
        if (spikeFactor == null || spikeFactor.isNaN() || spikeFactor < 1 || spikeFactor > 100) {
            errors.add(new FieldError("spikeFactor", "a number from 1 to 100"));
        }
        if (spikeMinimum == null || spikeMinimum < 1 || spikeMinimum > 10_000) {
            errors.add(new FieldError("spikeMinimum", "a whole number from 1 to 10000"));
        }
        if (repeatCount == null || repeatCount < 2 || repeatCount > 100) {
            errors.add(new FieldError("repeatCount", "a whole number from 2 to 100"));
        }
        if (repeatDays == null || repeatDays < 1 || repeatDays > 365) {
            errors.add(new FieldError("repeatDays", "a whole number from 1 to 365"));
        }
        if (lowScoreTier == null || Arrays.stream(Tier.values()).noneMatch(t -> t.key().equals(lowScoreTier))) {
            errors.add(new FieldError("lowScoreTier", "must be one of bronze, silver, gold, diamond"));
        }
        if (lowScore == null || lowScore < 1 || lowScore > 4) {
            errors.add(new FieldError("lowScore", "a whole number from 1 to 4"));
        }
        return errors;
    }
}
