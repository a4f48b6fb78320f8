package com.fanops.rewards.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What fires a reward rule: a tier reached ({@code TierChanged} upward), a welcome ({@code MemberJoined}), a birthday, a
 * holiday of the calendar or the membership anniversary (the daily schedule), a win-back (back within N days of
 * {@code MemberDormant}), service recovery ({@code ComplaintResolved} upheld, {@code ComplaintScored} low,
 * {@code SlaBreached}), top participants of an activity
 * ({@code ActivityRanked}).
 */
public enum Trigger {
    TIER_REACHED, WELCOME, BIRTHDAY, HOLIDAY, ANNIVERSARY, WIN_BACK, SERVICE_RECOVERY, TOP_PARTICIPANT;

    public static final List<String> KEYS = Arrays.stream(values()).map(Trigger::key).toList();

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Trigger> of(String key) {
        return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
    }

    @JsonCreator
    public static Trigger parse(String key) {
        return of(key).orElseThrow(() -> new IllegalArgumentException("must be one of " + String.join(", ", KEYS)));
    }
}
