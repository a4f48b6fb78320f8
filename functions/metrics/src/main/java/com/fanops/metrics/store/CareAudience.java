package com.fanops.metrics.store;

import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.str;

import com.fanops.platform.dynamo.BatchGets;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.members.domain.Purpose;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Who may receive a care message: the member's current marketing consent - the view the members store keeps on
 * the profile, derived from the consent ledger in the same transaction as each decision ({@code consents.marketing})
 * - and the locale to write in. Reads the profile projected to those fields only: no personal data is read.
 */
public final class CareAudience {

    /** {@code marketing} is the current decision (false when never asked); {@code status} the membership status. */
    public record Recipient(boolean marketing, String locale, String status) {
    }

    private final DynamoDbClient ddb;
    private final String membersTable;
    private final CapacityMeter meter;

    public CareAudience(DynamoDbClient ddb, String membersTable, CapacityMeter meter) {
        this.ddb = ddb;
        this.membersTable = membersTable;
        this.meter = meter;
    }

    public Map<String, Recipient> of(Collection<String> memberIds) {
        List<Map<String, AttributeValue>> keys = memberIds.stream().map(m -> key("MEMBER#" + m, "PROFILE")).toList();
        Map<String, Recipient> out = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGets.get(ddb, membersTable, keys, "pk, #c.#m, locale, #s",
                Map.of("#c", "consents", "#m", Purpose.MARKETING.key(), "#s", "status"), meter)) {
            AttributeValue consents = item.get("consents");
            AttributeValue marketing = consents == null || !consents.hasM() ? null : consents.m().get(Purpose.MARKETING.key());
            AttributeValue granted = marketing == null || !marketing.hasM() ? null : marketing.m().get("granted");
            out.put(str(item, "pk").substring("MEMBER#".length()),
                    new Recipient(granted != null && Boolean.TRUE.equals(granted.bool()), str(item, "locale"), str(item, "status")));
        }
        return out;
    }
}
