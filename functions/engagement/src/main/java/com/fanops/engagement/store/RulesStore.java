package com.fanops.engagement.store;

import com.fanops.engagement.domain.EngagementRules;
import com.fanops.platform.settings.VersionedSettings;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Engagement rules, versioned in the config table through {@link VersionedSettings} (item layout there):
 * {@code pk=SETTINGS#engagement, sk=V#<0000000001>}, the rules as JSON in {@code rules}. Version 0 is
 * {@link EngagementRules#defaults()}. Readers cache the version in force for {@code cacheFor} (the scorer reads it
 * once per batch at most); the admin API reads it fresh.
 */
public final class RulesStore extends VersionedSettings<EngagementRules> {

    public RulesStore(DynamoDbClient ddb, String table, Clock clock, Duration cacheFor) {
        super(ddb, table, clock, cacheFor, new Kind<>("engagement", EngagementRules.class, EngagementRules.defaults(), "rules", "rules"));
    }
}
