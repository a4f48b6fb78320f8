package com.fanops.members.store;

import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.MemberStatuses;
import com.fanops.platform.dynamo.BatchGets;
import com.fanops.platform.dynamo.CapacityMeter;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link MemberStatuses} on the members table: the profiles' {@code status} and {@code kind} only, one BatchGetItem per
 * 100 members, unprocessed keys retried with backoff ({@link BatchGets}); eventually consistent, like the scorer and
 * ingestion always read them. Layout: {@link MemberStore}.
 */
public final class MemberStatusStore implements MemberStatuses {

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;

    public MemberStatusStore(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
    }

    @Override
    public Map<String, Known> of(Collection<String> memberIds) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(memberIds).stream().map(MemberStore::profileKey).toList();
        Map<String, Known> out = new HashMap<>();
        for (Map<String, AttributeValue> item : BatchGets.get(ddb, table, keys, "pk, #s, #k", Map.of("#s", "status", "#k", "kind"), meter)) {
            AttributeValue status = item.get("status");
            var parsed = status == null ? Optional.<MemberStatus>empty() : MemberStatus.of(status.s());
            if (parsed.isPresent()) {
                out.put(MemberStore.memberIdOf(item), new Known(parsed.get(), MemberKind.orMember(item.containsKey("kind") ? item.get("kind").s() : null)));
            }
        }
        return out;
    }
}
