package com.fanops.engagement.domain;

import java.util.Locale;
import java.util.Optional;

/** What a member did on a channel (000 §2, 001 §5.3, 004 §6.1). */
public enum InteractionType {
    LIKE, COMMENT, SHARE, VOTE, ANSWER, CHECK_IN, SURVEY, CONTENT_SUBMITTED, SUGGESTION_ADOPTED, EVENT_ATTENDED, PURCHASE, REFUND,
    REFERRAL_JOINED, FOLLOW, UNFOLLOW;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InteractionType> of(String key) {
        for (InteractionType t : values()) {
            if (t.key().equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
