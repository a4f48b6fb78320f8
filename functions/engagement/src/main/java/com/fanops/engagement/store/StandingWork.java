package com.fanops.engagement.store;

import static com.fanops.platform.dynamo.Items.s;

import com.fanops.platform.dynamo.CapacityMeter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The engagement work the operators' Today page counts, from the sparse keys-only indexes of the interactions table:
 * announced tier downgrades ({@code byDowngrade}: standings with {@code review} and a {@code downgradeOn}, i.e. warned
 * and not yet moved down or withdrawn) and points lots reaching their expiry day ({@code byExpiry}). Member ids and
 * days only.
 */
public final class StandingWork {

    public record Downgrade(String memberId, LocalDate downgradeOn) {
    }

    /** Every announced downgrade due on or after {@code from}, and the first {@code first} of them, soonest first. */
    public record Downgrades(long count, List<Downgrade> first) {
    }

    private final DynamoDbClient ddb;
    private final String table;
    private final CapacityMeter meter;

    public StandingWork(DynamoDbClient ddb, String table, CapacityMeter meter) {
        this.ddb = ddb;
        this.table = table;
        this.meter = meter;
    }

    public Downgrades downgradesFrom(LocalDate from, int first) {
        long count = 0;
        List<Downgrade> soonest = new ArrayList<>();
        for (var page : ddb.queryPaginator(b -> b.tableName(table).indexName("byDowngrade")
                .keyConditionExpression("review = :r AND downgradeOn >= :from")
                .expressionAttributeValues(Map.of(":r", s(StandingStore.REVIEW), ":from", s(from.toString())))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))) {
            meter.read(page.consumedCapacity());
            for (Map<String, AttributeValue> item : page.items()) {
                count++;
                if (soonest.size() < first) {
                    soonest.add(new Downgrade(item.get("pk").s().substring("MEMBER#".length()), LocalDate.parse(item.get("downgradeOn").s())));
                }
            }
        }
        return new Downgrades(count, soonest);
    }

    /**
     * Lots whose expiry day is in {@code from..to}: one {@code Select=COUNT} Query a day. The index is keys only, so a lot
     * already spent to zero is counted until its day (its remaining points are not on the index).
     */
    public long lotsExpiring(LocalDate from, LocalDate to) {
        long count = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            String d = day.toString();
            for (var page : ddb.queryPaginator(b -> b.tableName(table).indexName("byExpiry").keyConditionExpression("expiresOn = :d")
                    .expressionAttributeValues(Map.of(":d", s(d))).select(Select.COUNT).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))) {
                meter.read(page.consumedCapacity());
                count += page.count();
            }
        }
        return count;
    }
}
