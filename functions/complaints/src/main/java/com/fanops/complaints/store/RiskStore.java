package com.fanops.complaints.store;

import static com.fanops.platform.dynamo.Items.key;
import static com.fanops.platform.dynamo.Items.n;
import static com.fanops.platform.dynamo.Items.s;

import com.fanops.complaints.domain.Category;
import com.fanops.complaints.domain.RiskRules;
import com.fanops.platform.dynamo.Items;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * What the 舆情 risk flags read at intake (complaints table): each category's tickets per business day, and a contact's
 * recent tickets.
 *
 * <pre>
 * Item layout:
 *   pk=RISKDAY#&lt;category&gt;  sk=&lt;yyyy-MM-dd&gt;   n: the category's tickets received that business day
 * </pre>
 * The counter moves in the intake's transaction, from the value read to the next (a conditional update, like the number
 * counter), so the spike decision saw exactly the tickets before it. One Query on the category's partition between the
 * day 28 days before and the day reads the baseline and today: at most 29 items of about 40 bytes (one read unit,
 * strongly consistent). A contact's recent tickets are the contact index ({@code gsi2}) between the window's start and
 * the ticket's time.
 */
public final class RiskStore {

    /** A category's count on the ticket's day and on each of the {@value RiskRules#SPIKE_DAYS} days before (0 when none). */
    public record DayCounts(long today, List<Long> before) {
    }

    /** The category's counter as read for a new ticket on {@code day} ({@code seen} before it). */
    public record DayCount(Category category, LocalDate day, long seen) {
    }

    private final DynamoDbClient ddb;
    private final String table;

    public RiskStore(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    public DayCounts dayCounts(Category category, LocalDate day) {
        LocalDate first = day.minusDays(RiskRules.SPIKE_DAYS);
        Map<LocalDate, Long> byDay = new HashMap<>();
        ddb.query(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :p AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":p", s(pk(category)), ":from", s(first.toString()), ":to", s(day.toString()))))
                .items().forEach(i -> byDay.put(LocalDate.parse(i.get("sk").s()), Items.num(i, "n")));
        List<Long> before = new ArrayList<>();
        for (LocalDate d = first; d.isBefore(day); d = d.plusDays(1)) {
            before.add(byDay.getOrDefault(d, 0L));
        }
        return new DayCounts(byDay.getOrDefault(day, 0L), before);
    }

    /**
     * {@code writes} and the counter's move from the value read to the next (none when {@code count} is null): the move
     * fails the transaction if another ticket moved the counter meanwhile.
     */
    public List<TransactWriteItem> withCount(List<TransactWriteItem> writes, DayCount count) {
        if (count == null) {
            return writes;
        }
        Update.Builder u = Update.builder().tableName(table).key(key(pk(count.category()), count.day().toString()))
                .updateExpression("SET n = :next");
        if (count.seen() == 0) {
            u.conditionExpression("attribute_not_exists(n)").expressionAttributeValues(Map.of(":next", n(1)));
        } else {
            u.conditionExpression("n = :seen").expressionAttributeValues(Map.of(":next", n(count.seen() + 1), ":seen", n(count.seen())));
        }
        List<TransactWriteItem> out = new ArrayList<>(writes);
        out.add(TransactWriteItem.builder().update(u.build()).build());
        return out;
    }

    /** The contact's tickets received within {@code window} up to {@code at}, leaving {@code ticketId} out. */
    public long recentByContact(String contactIndex, Instant at, Duration window, String ticketId) {
        Map<String, AttributeValue> values = Map.of(":p", s("CONTACT#" + contactIndex), ":from", s(at.minus(window).toString()),
                ":to", s(at + "#~"));
        long n = 0;
        for (Map<String, AttributeValue> i : ddb.queryPaginator(b -> b.tableName(table).indexName("gsi2")
                .keyConditionExpression("gsi2pk = :p AND gsi2sk BETWEEN :from AND :to").projectionExpression("ticketId")
                .expressionAttributeValues(values)).items()) {
            if (!ticketId.equals(Items.str(i, "ticketId"))) {
                n++;
            }
        }
        return n;
    }

    private static String pk(Category category) {
        return "RISKDAY#" + category.key();
    }
}
