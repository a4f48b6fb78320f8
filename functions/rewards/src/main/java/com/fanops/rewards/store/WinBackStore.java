package com.fanops.rewards.store;

import static com.fanops.platform.dynamo.Items.s;
import static com.fanops.platform.dynamo.Items.str;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Members gone dormant who may be won back. Rewards table item:
 * <pre>
 *   pk=WINBACK  sk=&lt;dormant day&gt;#&lt;memberId&gt;   one dormancy episode awaiting the member's return (from MemberDormant)
 * </pre>
 * The daily job looks at the episodes of the last year, rewards those whose member came back within a rule's window and
 * drops the episodes every rule's window has passed. Writing the same episode twice is the same item.
 */
public final class WinBackStore {

    /** One episode: the member and the day they became dormant. */
    public record Episode(String memberId, LocalDate dormantOn) {
    }

    private final DynamoDbClient ddb;
    private final String table;

    public WinBackStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    public void record(String memberId, LocalDate dormantOn) {
        ddb.putItem(b -> b.tableName(table).item(Map.of("pk", s("WINBACK"), "sk", s(dormantOn + "#" + memberId))));
    }

    /** Episodes that began on or after {@code since}. */
    public List<Episode> since(LocalDate since) {
        List<Episode> out = new ArrayList<>();
        ddb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :p AND sk >= :since").consistentRead(true)
                .expressionAttributeValues(Map.of(":p", s("WINBACK"), ":since", s(since.toString())))).items().forEach(i -> {
                    String sk = str(i, "sk");
                    out.add(new Episode(sk.substring(11), LocalDate.parse(sk.substring(0, 10))));
                });
        return out;
    }

    public void close(Episode e) {
        ddb.deleteItem(b -> b.tableName(table).key(Map.of("pk", s("WINBACK"), "sk", s(e.dormantOn() + "#" + e.memberId()))));
    }
}
