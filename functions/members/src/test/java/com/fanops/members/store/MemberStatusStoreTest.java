package com.fanops.members.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.MemberStatuses;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

class MemberStatusStoreTest {

    private static LocalDynamo dynamo;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
        for (int i = 0; i < 150; i++) {
            String id = "m_" + Integer.toHexString(0x100 + i);
            Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", AttributeValue.fromS("MEMBER#" + id),
                    "sk", AttributeValue.fromS("PROFILE"), "memberId", AttributeValue.fromS(id),
                    "status", AttributeValue.fromS(i % 3 == 0 ? "left" : "active")));
            if (i == 7) {
                item.put("kind", AttributeValue.fromS("staff"));
            }
            dynamo.client().putItem(b -> b.tableName("MembersTable").item(item));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    /**
     * DynamoDB Local answers every key at once, never with unprocessed keys; so this client, a fake at the SDK's edge, holds
     * back half of the keys of each table's first request, as DynamoDB does when a partition is throttled.
     */
    private static final class HoldsBackOnce implements DynamoDbClient {
        final DynamoDbClient real;
        final List<Integer> keysAsked = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();

        HoldsBackOnce(DynamoDbClient real) {
            this.real = real;
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            calls.incrementAndGet();
            KeysAndAttributes asked = request.requestItems().get("MembersTable");
            keysAsked.add(asked.keys().size());
            if (calls.get() > 1) {
                return real.batchGetItem(request);
            }
            List<Map<String, AttributeValue>> now = asked.keys().subList(0, asked.keys().size() / 2);
            List<Map<String, AttributeValue>> later = asked.keys().subList(asked.keys().size() / 2, asked.keys().size());
            BatchGetItemResponse part = real.batchGetItem(request.toBuilder()
                    .requestItems(Map.of("MembersTable", asked.toBuilder().keys(now).build())).build());
            return part.toBuilder().unprocessedKeys(Map.of("MembersTable", asked.toBuilder().keys(later).build())).build();
        }

        @Override
        public String serviceName() {
            return real.serviceName();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void unprocessedKeysAreAskedAgainUntilEveryMemberIsAnswered() {
        HoldsBackOnce ddb = new HoldsBackOnce(dynamo.client());
        List<String> ids = new ArrayList<>(IntStream.range(0, 150).mapToObj(i -> "m_" + Integer.toHexString(0x100 + i)).toList());
        ids.add("m_ffff");
        Map<String, MemberStatuses.Known> known = new MemberStatusStore(ddb, "MembersTable", new CapacityMeter()).of(ids);

        assertEquals(150, known.size(), "every existing member, none lost to the held-back keys; the unknown id absent");
        assertEquals(MemberStatus.LEFT, known.get("m_100").status());
        assertEquals(MemberStatus.ACTIVE, known.get("m_101").status());
        assertEquals(MemberKind.STAFF, known.get("m_107").kind());
        assertTrue(ddb.keysAsked.get(0) == 100 && ddb.keysAsked.stream().allMatch(n -> n <= 100), ddb.keysAsked.toString());
        assertEquals(3, ddb.calls.get(), "100 keys, the 50 held back, then the last 51: " + ddb.keysAsked);
    }
}
