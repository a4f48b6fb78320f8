package com.fanops.metrics.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.json.Json;
import com.fanops.interactions.handler.ScorerHandler;
import com.fanops.metrics.app.MetricsJob;
import com.fanops.members.domain.MemberErased;
import com.fanops.members.domain.MemberJoined;
import com.fanops.members.domain.MemberStatusChanged;
import com.fanops.template.FunctionSpec;
import com.fanops.template.Template;
import com.fanops.testing.MutableClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The fact writers as deployed. Interactions reach the real {@link ScorerHandler} as SQS batches: consecutive arrivals,
 * in the raw log's order, up to the template's batch size and within {@link #BATCH_SPAN} of the batch's first message
 * (a scorer a little behind its queue); a duplicate is delivered again as a message of its own. A batch is scored
 * before any member event that follows it and before a scheduled run, at the moment its last message arrived. Member
 * events (MemberJoined with the account's kind, MemberStatusChanged to left, removed or erased - with MemberErased, as
 * the members functions publish an erasure) go on the bus, and so do the CategoryChanged and TierChanged events the
 * scorer's outbox publishes: {@link MetricsEventsRoute} hands what the template routes to the real
 * {@link MetricsEventsHandler}. The engagement job publishes through {@link #bus()} too.
 */
final class WriterFunctions implements FactWriter {

    static final Path TEMPLATE = Path.of("../../template.yaml");
    /** The tables the writers and the daily job share in these tests (the template's logical ids). */
    static final MetricsJob.Tables TABLES = new MetricsJob.Tables("MetricsTable", "InteractionsTable", "MembersTable",
            "ConfigTable");
    private static final Duration BATCH_SPAN = Duration.ofMinutes(30);
    private static final String MEMBERS = "fanops.members";
    /** The rules do not change during a simulation: read them once a simulated day, not once a batch. */
    private static final Duration RULES_CACHE = Duration.ofDays(1);

    private final MutableClock clock;
    private final MetricsEventsRoute bus;
    private final ScorerHandler scorer;
    private final int batchSize;
    private final List<RawLog.Delivery> pending = new ArrayList<>();
    private int batches;
    private int messages;

    WriterFunctions(DynamoDbClient ddb, ZoneId zone, MutableClock clock) {
        this.clock = clock;
        this.bus = new MetricsEventsRoute(TEMPLATE, new MetricsEventsHandler(ddb, "MetricsTable", zone, clock));
        this.scorer = new ScorerHandler(ddb, "InteractionsTable", "MembersTable", "ConfigTable", "MetricsTable",
                new EventOutbox(ddb, "EventOutboxTable", bus, clock), zone, RULES_CACHE, clock);
        FunctionSpec.SqsSource queue = Template.load(TEMPLATE).functions().stream()
                .filter(f -> f.handlerClass().equals(ScorerHandler.class.getName())).findFirst().orElseThrow().sqsSources().get(0);
        this.batchSize = queue.batchSize();
    }

    /** The bus, for the other publishers (the engagement job's outbox). */
    MetricsEventsRoute bus() {
        return bus;
    }

    @Override
    public void deliver(RawLog.Delivery delivery) {
        Object event = delivery.event();
        if (event instanceof RawLog.Act) {
            if (!pending.isEmpty() && delivery.arrivesAt().isAfter(pending.get(0).arrivesAt().plus(BATCH_SPAN))) {
                flush();
            }
            pending.add(delivery);
            if (pending.size() == batchSize) {
                flush();
            }
            return;
        }
        flush();
        clock.set(delivery.arrivesAt());
        if (event instanceof RawLog.Join j) {
            bus.publish(MEMBERS, new MemberJoined(j.memberId(), "app", j.locale(), j.at(), null, j.kind(), false), j.at());
        } else if (event instanceof RawLog.Exit e) {
            bus.publish(MEMBERS, new MemberStatusChanged(e.memberId(), "active", e.to(), e.at(), "m_admin"), e.at());
            if (e.to().equals("erased")) {
                bus.publish(MEMBERS, new MemberErased(e.memberId(), e.at()), e.at());
            }
        }
        // Consent changes reach the members' profiles only (MemberProfiles); no metrics fact comes from them.
    }

    @Override
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (RawLog.Delivery d : pending) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("msg-" + d.sequence());
            try {
                m.setBody(Json.mapper().writeValueAsString(((RawLog.Act) d.event()).interaction()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            m.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:InteractionsQueue");
            records.add(m);
        }
        SQSEvent batch = new SQSEvent();
        batch.setRecords(records);
        clock.set(pending.get(pending.size() - 1).arrivesAt());
        SQSBatchResponse response = scorer.handleRequest(batch, null);
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new AssertionError("the scorer failed messages " + response.getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        }
        batches++;
        messages += records.size();
        pending.clear();
    }

    int batches() {
        return batches;
    }

    int messages() {
        return messages;
    }
}
