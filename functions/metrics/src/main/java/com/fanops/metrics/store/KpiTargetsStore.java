package com.fanops.metrics.store;

import com.fanops.metrics.domain.KpiTargets;
import com.fanops.platform.settings.VersionedSettings;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * KPI targets, versioned in the config table through {@link VersionedSettings} (item layout there):
 * {@code pk=SETTINGS#kpi-targets, sk=V#<0000000001>}, the targets as JSON in {@code targets}. Version 0 is
 * {@link KpiTargets#defaults()} and is never stored. Read fresh: the daily job reads them once a run.
 */
public final class KpiTargetsStore extends VersionedSettings<KpiTargets> {

    public KpiTargetsStore(DynamoDbClient ddb, String table, Clock clock) {
        super(ddb, table, clock, Duration.ZERO, new Kind<>("kpi-targets", KpiTargets.class, KpiTargets.defaults(), "targets", "targets"));
    }
}
