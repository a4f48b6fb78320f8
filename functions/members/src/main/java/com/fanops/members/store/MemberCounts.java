package com.fanops.members.store;

import com.fanops.members.domain.DataRequest;
import com.fanops.members.domain.MemberStatus;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Counts for the operators' Today page, read from the members table's keys-only {@code gsi1} with {@code Select=COUNT}
 * (no item leaves DynamoDB): profiles of a status ({@code STATUS#<status>}) and the open data-subject requests
 * ({@code DSR#OPEN}, sorted by {@code <deadline>#<requestId>}), all of them and those past their deadline.
 */
public final class MemberCounts {

    public record Requests(long open, long overdue) {
    }

    private final DynamoDbClient ddb;
    private final String table;

    public MemberCounts(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    public long withStatus(MemberStatus status) {
        return count("gsi1pk = :g", Map.of(":g", AttributeValue.fromS("STATUS#" + status.key())));
    }

    public Requests openRequests(Instant now) {
        AttributeValue open = AttributeValue.fromS("DSR#" + DataRequest.Status.OPEN.name());
        long all = count("gsi1pk = :g", Map.of(":g", open));
        // A deadline before now sorts before "<now>#": the request ids after '#' never matter.
        long overdue = all == 0 ? 0 : count("gsi1pk = :g AND gsi1sk < :now", Map.of(":g", open, ":now", AttributeValue.fromS(now + "#")));
        return new Requests(all, overdue);
    }

    private long count(String condition, Map<String, AttributeValue> values) {
        long count = 0;
        for (var page : ddb.queryPaginator(QueryRequest.builder().tableName(table).indexName("gsi1").keyConditionExpression(condition)
                .expressionAttributeValues(values).select(Select.COUNT).build())) {
            count += page.count();
        }
        return count;
    }
}
