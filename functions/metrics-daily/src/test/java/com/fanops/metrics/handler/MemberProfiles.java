package com.fanops.metrics.handler;

import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.s;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * What the members capability keeps about a member that the job and the scorer read - status, kind and the current
 * consent view on the profile ({@code MEMBER#id / PROFILE}) - kept from the raw log as sign-up, leaving and consent
 * changes would. Not part of the fact writers: the members functions own these items.
 */
final class MemberProfiles {

    private final DynamoDbClient ddb;
    private final String table;

    MemberProfiles(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    void apply(Object event) {
        if (event instanceof RawLog.Join j) {
            Map<String, AttributeValue> item = new HashMap<>(key("MEMBER#" + j.memberId(), "PROFILE"));
            item.put("memberId", s(j.memberId()));
            item.put("status", s("active"));
            item.put("kind", s(j.kind()));
            item.put("locale", s(j.locale()));
            item.put("joinedAt", s(j.at().toString()));
            item.put("consents", AttributeValue.fromM(Map.of("membership", consent(true, j.at().toString()),
                    "marketing", consent(j.marketing(), j.at().toString()))));
            try {
                ddb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            } catch (ConditionalCheckFailedException duplicate) {
                // the same MemberJoined delivered twice
            }
        } else if (event instanceof RawLog.Exit e) {
            ddb.updateItem(b -> b.tableName(table).key(key("MEMBER#" + e.memberId(), "PROFILE")).updateExpression("SET #s = :s")
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s(e.to()))));
        } else if (event instanceof RawLog.ConsentChange c) {
            ddb.updateItem(b -> b.tableName(table).key(key("MEMBER#" + c.memberId(), "PROFILE")).updateExpression("SET consents.marketing = :c")
                    .expressionAttributeValues(Map.of(":c", consent(c.marketing(), c.at().toString()))));
        }
    }

    private static AttributeValue consent(boolean granted, String at) {
        return AttributeValue.fromM(Map.of("granted", AttributeValue.fromBool(granted), "version", AttributeValue.fromN("1"), "at", s(at)));
    }
}
