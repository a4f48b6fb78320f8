package com.fanops.members.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Welcome messages waiting to be sent, in the outbox table: {@code pk=MEMBER#<id>, sk=WELCOME}: kind=welcome, locale,
 * status=pending, createdAt, expiresAt (TTL, 30 days). It names the member, never the contact: the sender decrypts at
 * send time, after checking consent.
 */
public final class WelcomeStore {

    private final DynamoDbClient ddb;
    private final String table;

    public WelcomeStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** Queues the member's welcome once; answers false when it was queued already. */
    public boolean queue(String memberId, String locale, Instant now) {
        try {
            ddb.putItem(b -> b.tableName(table).item(Map.of(
                    "pk", AttributeValue.fromS("MEMBER#" + memberId), "sk", AttributeValue.fromS("WELCOME"),
                    "kind", AttributeValue.fromS("welcome"), "locale", AttributeValue.fromS(locale),
                    "status", AttributeValue.fromS("pending"), "createdAt", AttributeValue.fromS(now.toString()),
                    "expiresAt", AttributeValue.fromN(String.valueOf(now.plus(Duration.ofDays(30)).getEpochSecond()))))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyQueued) {
            return false;
        }
    }
}
