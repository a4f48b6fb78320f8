package com.fanops.members.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.members.app.MemberReactions;
import com.fanops.members.domain.MemberJoined;
import com.fanops.members.domain.NoticePublished;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.WelcomeStore;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.config.Env;
import com.fanops.platform.events.BusEvent;
import com.fanops.platform.log.Log;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reactions to member events, each safe to deliver twice: a welcome message in the outbox once per member
 * (MemberJoined; not for imported members, who are existing members), and re-consent flags for everyone who agreed
 * to an older notice (NoticePublished).
 */
public final class MemberEventsHandler implements RequestHandler<Map<String, Object>, Void> {

    private static final Log LOG = Log.get(MemberEventsHandler.class);

    private final MemberReactions reactions;

    public MemberEventsHandler() {
        this(AwsClients.dynamoDb(), Env.require("MEMBERS_TABLE"), Env.require("OUTBOX_TABLE"), Clock.systemUTC());
    }

    public MemberEventsHandler(DynamoDbClient ddb, String membersTable, String outboxTable, Clock clock) {
        this.reactions = new MemberReactions(new MemberStore(ddb, membersTable), new WelcomeStore(ddb, outboxTable), clock);
    }

    @Override
    public Void handleRequest(Map<String, Object> input, Context context) {
        BusEvent<Map<String, Object>> event = BusEvent.parse(input);
        Log.setCorrelationId(event.id());
        switch (event.detailType()) {
            case "MemberJoined" -> reactions.welcome(event.detailAs(MemberJoined.class));
            case "NoticePublished" -> reactions.askAgain(event.detailAs(NoticePublished.class));
            default -> LOG.warn("ignored event", "detailType", event.detailType());
        }
        Log.clearContext();
        return null;
    }
}
