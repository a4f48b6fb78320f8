package com.fanops.complaints.store;

import com.fanops.complaints.domain.BusinessCalendar;
import com.fanops.complaints.domain.PriorityRules;
import com.fanops.complaints.domain.RiskRules;
import com.fanops.complaints.domain.SlaPolicy;
import com.fanops.platform.settings.VersionedSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The complaints settings in the config table, through the platform's versioned settings: the SLA policy, the business
 * calendar (version 0: Monday to Friday in the deployment's business time zone), the priority rules and the risk rules.
 */
public final class ComplaintSettings {

    public static final VersionedSettings.Kind<SlaPolicy> SLA =
            new VersionedSettings.Kind<>("complaints-sla", SlaPolicy.class, SlaPolicy.defaults(), "settings", "policy");
    public static final VersionedSettings.Kind<PriorityRules> PRIORITY =
            new VersionedSettings.Kind<>("complaints-priority", PriorityRules.class, PriorityRules.defaults(), "settings", "rules");
    public static final VersionedSettings.Kind<RiskRules> RISK =
            new VersionedSettings.Kind<>("complaints-risk", RiskRules.class, RiskRules.defaults(), "settings", "risk");

    public static VersionedSettings.Kind<BusinessCalendar> calendarKind(ZoneId zone) {
        return new VersionedSettings.Kind<>("complaints-calendar", BusinessCalendar.class, BusinessCalendar.defaults(zone), "settings",
                "calendar");
    }

    private final VersionedSettings<SlaPolicy> sla;
    private final VersionedSettings<BusinessCalendar> calendar;
    private final VersionedSettings<PriorityRules> priority;
    private final VersionedSettings<RiskRules> risk;

    public ComplaintSettings(DynamoDbClient ddb, String configTable, ZoneId zone, Clock clock, Duration cacheFor) {
        this.sla = new VersionedSettings<>(ddb, configTable, clock, cacheFor, SLA);
        this.calendar = new VersionedSettings<>(ddb, configTable, clock, cacheFor, calendarKind(zone));
        this.priority = new VersionedSettings<>(ddb, configTable, clock, cacheFor, PRIORITY);
        this.risk = new VersionedSettings<>(ddb, configTable, clock, cacheFor, RISK);
    }

    public VersionedSettings<SlaPolicy> sla() {
        return sla;
    }

    public VersionedSettings<BusinessCalendar> calendar() {
        return calendar;
    }

    public VersionedSettings<PriorityRules> priority() {
        return priority;
    }

    public VersionedSettings<RiskRules> risk() {
        return risk;
    }
}
