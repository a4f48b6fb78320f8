package com.fanops.complaints.store;

import static com.fanops.platform.dynamo.Items.s;

import com.fanops.complaints.domain.HistoryEntry;
import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.domain.TicketStatus;
import com.fanops.platform.dynamo.Items;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tickets received in a period, each with its history and survey answer: what the monthly summary reads. No item of
 * its own: the tickets come from the queue index ({@code gsi1}, one Query per status with its sort key - the receipt
 * time - in the period, pages of up to 1 MB), and each ticket's history and survey from one Query on its partition.
 * Reads per summary: 6 index Queries (more pages past 1 MB of tickets) + one Query per ticket.
 */
public final class MonthTickets {

    /** A ticket with its history lines (append order) and its survey answer (null when none). */
    public record Read(Ticket ticket, List<HistoryEntry> history, TicketStore.Survey survey) {
    }

    private final DynamoDbClient ddb;
    private final String table;

    public MonthTickets(DynamoDbClient ddb, String table) {
        this.ddb = ddb;
        this.table = table;
    }

    /** Every ticket received in [{@code from}, {@code to}) (whole seconds), with its history and survey. */
    public void forEachReceived(Instant from, Instant to, Consumer<Read> each) {
        // Receipt times are ISO instants: a second's prefix sorts before every time within it, '~' after.
        String low = from.toString().replace("Z", "");
        String high = to.minusSeconds(1).toString().replace("Z", "") + "~";
        for (TicketStatus status : TicketStatus.values()) {
            ddb.queryPaginator(b -> b.tableName(table).indexName("gsi1").keyConditionExpression("gsi1pk = :p AND gsi1sk BETWEEN :a AND :b")
                    .expressionAttributeValues(Map.of(":p", s("STATUS#" + status.key()), ":a", s(low), ":b", s(high))))
                    .items().forEach(i -> each.accept(read(TicketStore.ticket(i))));
        }
    }

    private Read read(Ticket t) {
        List<HistoryEntry> history = new ArrayList<>();
        TicketStore.Survey[] survey = {null};
        ddb.queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s("TICKET#" + t.ticketId())))).items().forEach(i -> {
                    String sk = i.get("sk").s();
                    if (sk.startsWith("H#")) {
                        history.add(TicketStore.entry(i));
                    } else if (sk.equals("SURVEY")) {
                        survey[0] = new TicketStore.Survey(t.ticketId(), (int) Items.num(i, "score"), null, Instant.parse(i.get("at").s()),
                                LocalDate.parse(i.get("day").s()));
                    }
                });
        return new Read(t, history, survey[0]);
    }
}
