package com.fanops.rewards.store;

import com.fanops.platform.settings.VersionedSettings;
import com.fanops.rewards.domain.Catalogue;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The reward catalogue, versioned in the config table through {@link VersionedSettings} (item layout there):
 * {@code pk=SETTINGS#reward-catalogue, sk=V#<0000000001>}, the catalogue as JSON in {@code catalogue}. Version 0 is empty.
 */
public final class CatalogueStore extends VersionedSettings<Catalogue> {

    public CatalogueStore(DynamoDbClient ddb, String table, Clock clock, Duration cacheFor) {
        super(ddb, table, clock, cacheFor, new Kind<>("reward-catalogue", Catalogue.class, Catalogue.empty(), "catalogue", null));
    }
}
