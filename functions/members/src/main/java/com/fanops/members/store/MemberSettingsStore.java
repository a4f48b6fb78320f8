package com.fanops.members.store;

import com.fanops.members.domain.MemberSettings;
import com.fanops.platform.settings.VersionedSettings;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Member settings, versioned in the config table through {@link VersionedSettings} (item layout there):
 * {@code pk=SETTINGS#members, sk=V#<0000000001>}, the settings as JSON in {@code settings}. Versions saved before
 * kept {@code admission} as a plain attribute and are read as they are. Version 0 is {@link MemberSettings#defaults()}.
 * Read fresh: sign-up reads them once per request.
 */
public final class MemberSettingsStore extends VersionedSettings<MemberSettings> {

    public MemberSettingsStore(DynamoDbClient ddb, String table, Clock clock) {
        super(ddb, table, clock, Duration.ZERO, new Kind<>("members", MemberSettings.class, MemberSettings.defaults(), "settings", null));
    }
}
