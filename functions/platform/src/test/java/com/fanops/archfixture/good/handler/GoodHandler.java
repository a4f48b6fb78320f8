package com.fanops.archfixture.good.handler;

import com.fanops.archfixture.good.domain.Member;
import com.fanops.archfixture.good.store.GoodStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The allowed shape: a handler may hand a client to a store's constructor, and asks the store. */
public final class GoodHandler {
    private final GoodStore store;

    public GoodHandler(DynamoDbClient ddb) {
        this.store = new GoodStore(ddb);
    }

    public boolean exists(String id) {
        return store.exists(new Member(id));
    }
}
