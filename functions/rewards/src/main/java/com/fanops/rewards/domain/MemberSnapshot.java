package com.fanops.rewards.domain;

import com.fanops.engagement.domain.Category;
import com.fanops.engagement.domain.Tier;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the rewards rules need to know of a member, read when a rule fires or a member redeems: whether they are an
 * admitted member, their kind, locale, admission time, tier and category, and the consents they hold now (granted ones
 * only). No personal data: a birthday is read only by the daily job, and only for members holding the rule's consent.
 */
public record MemberSnapshot(String memberId, boolean admitted, String kind, String locale, Instant joinedAt, Tier tier, Category category,
                             Map<String, ConsentBasis> consents) {

    public MemberSnapshot {
        consents = consents == null ? Map.of() : Map.copyOf(consents);
    }

    public Optional<ConsentBasis> consent(String purpose) {
        return Optional.ofNullable(consents.get(purpose));
    }
}
