package com.fanops.archfixture.good.store;

import com.fanops.archfixture.good.domain.Member;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The allowed shape: the store owns the key literal and the DynamoDB calls. */
public final class GoodStore {
    private final DynamoDbClient ddb;

    public GoodStore(DynamoDbClient ddb) {
        this.ddb = ddb;
    }

    public boolean exists(Member member) {
        return ddb.getItem(r -> r.tableName("T").key(Map.of("pk", AttributeValue.fromS("MEMBER#" + member.id())))).hasItem();
    }
}
