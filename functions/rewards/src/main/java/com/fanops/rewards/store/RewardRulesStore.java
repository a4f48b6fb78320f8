package com.fanops.rewards.store;

import com.fanops.platform.settings.VersionedSettings;
import com.fanops.rewards.domain.RewardRules;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reward rules, calendar and approval threshold, versioned in the config table through {@link VersionedSettings}:
 * {@code pk=SETTINGS#reward-rules, sk=V#<0000000001>}, the value as JSON in {@code rules}. Version 0 is
 * {@link RewardRules#defaults()}.
 */
public final class RewardRulesStore extends VersionedSettings<RewardRules> {

    public RewardRulesStore(DynamoDbClient ddb, String table, Clock clock, Duration cacheFor) {
        super(ddb, table, clock, cacheFor, new Kind<>("reward-rules", RewardRules.class, RewardRules.defaults(), "rules", null));
    }
}
