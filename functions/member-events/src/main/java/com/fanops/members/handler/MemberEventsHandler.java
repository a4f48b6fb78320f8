package com.fanops.members.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.events.BusEvent;
import com.fanops.platform.log.Log;
import com.fanops.members.domain.MemberJoined;
import com.fanops.members.store.MemberStore;
import com.fanops.members.domain.NoticePublished;
import com.fanops.members.domain.Purpose;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Reactions to member events, each safe to deliver twice: a welcome message in the outbox once per member
 * (MemberJoined; not for imported members, who are existing members), and re-consent flags for everyone who agreed
 * to an older notice (NoticePublished).
 */
public final class MemberEventsHandler implements RequestHandler<Map<String, Object>, Void> {

    private static final Log LOG = Log.get(MemberEventsHandler.class);

    private final DynamoDbClient ddb;
    private final MemberStore members;
    private final String outboxTable;
    private final Clock clock;

    public MemberEventsHandler() {
        this(AwsClients.dynamoDb(), Env.require("MEMBERS_TABLE"), Env.require("OUTBOX_TABLE"), Clock.systemUTC());
    }

    public MemberEventsHandler(DynamoDbClient ddb, String membersTable, String outboxTable, Clock clock) {
        this.ddb = ddb;
        this.members = new MemberStore(ddb, membersTable);
        this.outboxTable = outboxTable;
        this.clock = clock;
    }

    @Override
    public Void handleRequest(Map<String, Object> input, Context context) {
        BusEvent<Map<String, Object>> event = BusEvent.parse(input);
        Log.setCorrelationId(event.id());
        switch (event.detailType()) {
            case "MemberJoined" -> welcome(event.detailAs(MemberJoined.class));
            case "NoticePublished" -> askAgain(event.detailAs(NoticePublished.class));
            default -> LOG.warn("ignored event", "detailType", event.detailType());
        }
        Log.clearContext();
        return null;
    }

    /**
     * Outbox item {@code pk=MEMBER#<id>, sk=WELCOME}: kind, locale, status=pending, createdAt, expiresAt (TTL).
     * It names the member, never the contact: the sender decrypts at send time, after checking consent.
     */
    private void welcome(MemberJoined joined) {
        if (joined.imported()) {
            LOG.info("no welcome for an imported member", "memberId", joined.memberId());
            return;
        }
        var now = clock.instant();
        try {
            ddb.putItem(b -> b.tableName(outboxTable).item(Map.of(
                    "pk", AttributeValue.fromS("MEMBER#" + joined.memberId()), "sk", AttributeValue.fromS("WELCOME"),
                    "kind", AttributeValue.fromS("welcome"), "locale", AttributeValue.fromS(joined.locale()),
                    "status", AttributeValue.fromS("pending"), "createdAt", AttributeValue.fromS(now.toString()),
                    "expiresAt", AttributeValue.fromN(String.valueOf(now.plus(Duration.ofDays(30)).getEpochSecond()))))
                    .conditionExpression("attribute_not_exists(pk)"));
            LOG.info("welcome queued", "memberId", joined.memberId());
        } catch (ConditionalCheckFailedException alreadyQueued) {
            LOG.info("welcome already queued", "memberId", joined.memberId());
        }
    }

    private void askAgain(NoticePublished published) {
        Purpose purpose = Purpose.of(published.purpose()).orElseThrow();
        int flagged = 0;
        for (int version = 1; version < published.version(); version++) {
            Map<String, AttributeValue> start = null;
            do {
                var page = members.grantedTo(purpose, version, start, 200);
                for (String memberId : page.items()) {
                    flagged += members.flagReconsent(memberId, purpose, published.version()) ? 1 : 0;
                }
                start = page.next();
            } while (start != null);
        }
        LOG.info("re-consent flagged", "purpose", purpose.key(), "version", published.version(), "members", flagged);
    }
}
