package com.fanops.rewards.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a catalogue item gives (000 §6.1): points, a coupon from a code pool, a gift (shipped), a red packet (cash, 红包,
 * paid out), a badge or an honorary title (荣誉称号), a certificate. Digital rewards are fulfilled when issued; a gift or a
 * red packet waits for the fulfilment integration's callback.
 */
public enum RewardType {
    POINTS(true), COUPON(true), GIFT(false), RED_PACKET(false), BADGE(true), TITLE(true), CERTIFICATE(true);

    public static final List<String> KEYS = Arrays.stream(values()).map(RewardType::key).toList();

    private final boolean fulfilledAtOnce;

    RewardType(boolean fulfilledAtOnce) {
        this.fulfilledAtOnce = fulfilledAtOnce;
    }

    /** Delivered by the issuance itself (no fulfilment integration), so its cost is confirmed at once. */
    public boolean fulfilledAtOnce() {
        return fulfilledAtOnce;
    }

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<RewardType> of(String key) {
        return Arrays.stream(values()).filter(t -> t.key().equals(key)).findFirst();
    }

    @JsonCreator
    public static RewardType parse(String key) {
        return of(key).orElseThrow(() -> new IllegalArgumentException("must be one of " + String.join(", ", KEYS)));
    }
}
