package com.fanops.messaging.store;

import com.fanops.messaging.domain.DefaultTemplates;
import com.fanops.messaging.domain.MessageTemplates;
import com.fanops.messaging.domain.SendingPolicy;
import com.fanops.platform.settings.VersionedSettings;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The messaging settings in the config table, through the platform's versioned settings: the policy and the templates. */
public final class MessagingSettings {

    public static final VersionedSettings.Kind<SendingPolicy> POLICY =
            new VersionedSettings.Kind<>("messaging", SendingPolicy.class, SendingPolicy.defaults(), "settings", "policy");
    public static final VersionedSettings.Kind<MessageTemplates> TEMPLATES =
            new VersionedSettings.Kind<>("message-templates", MessageTemplates.class, DefaultTemplates.get(), "templates", "templates");

    private final VersionedSettings<SendingPolicy> policy;
    private final VersionedSettings<MessageTemplates> templates;

    public MessagingSettings(DynamoDbClient ddb, String configTable, Clock clock, Duration cacheFor) {
        this.policy = new VersionedSettings<>(ddb, configTable, clock, cacheFor, POLICY);
        this.templates = new VersionedSettings<>(ddb, configTable, clock, cacheFor, TEMPLATES);
    }

    public VersionedSettings<SendingPolicy> policy() {
        return policy;
    }

    public VersionedSettings<MessageTemplates> templates() {
        return templates;
    }
}
