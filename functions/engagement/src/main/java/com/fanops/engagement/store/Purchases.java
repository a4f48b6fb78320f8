package com.fanops.engagement.store;

import static com.fanops.platform.dynamo.Items.dec;
import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The purchase records the scorer keeps ({@code PURCHASE#<channel>#<eventId>}), one per applied purchase, so a refund
 * can be checked against the purchase it names: its member, currency and what is left to refund.
 */
public final class Purchases {

    /** An applied purchase and how much of it has been refunded so far. */
    public record Purchase(String memberId, BigDecimal amount, String currency, BigDecimal refunded) {

        public BigDecimal refundable() {
            return amount.subtract(refunded);
        }
    }

    private final DynamoDbClient ddb;
    private final String table;

    public Purchases(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    public static Map<String, AttributeValue> key(String channel, String eventId) {
        return Map.of("pk", s("PURCHASE#" + channel + "#" + eventId), "sk", s("PURCHASE"));
    }

    /** The purchase with this channel's event id, if the scorer has applied it (strongly consistent). */
    public Optional<Purchase> find(String channel, String eventId) {
        var answer = ddb.getItem(b -> b.tableName(table).key(key(channel, eventId)).consistentRead(true)
                .projectionExpression("memberId, amount, currency, refunded"));
        if (!answer.hasItem() || answer.item().isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> i = answer.item();
        return Optional.of(new Purchase(str(i, "memberId"), dec(i, "amount"), str(i, "currency"), dec(i, "refunded")));
    }
}
