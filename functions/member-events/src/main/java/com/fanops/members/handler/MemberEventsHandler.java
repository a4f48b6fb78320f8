package com.fanops.members.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.members.app.MemberReactions;
import com.fanops.members.domain.NoticePublished;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.events.BusEvent;
import com.fanops.platform.log.Log;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reactions to member events, each safe to deliver twice: re-consent flags for everyone who agreed to an older notice
 * (NoticePublished). Welcome messages are the messaging capability's (docs/messaging.md).
 */
public final class MemberEventsHandler implements RequestHandler<Map<String, Object>, Void> {

    private static final Log LOG = Log.get(MemberEventsHandler.class);

    private final MemberReactions reactions;

    public MemberEventsHandler() {
        this(AwsClients.dynamoDb(), Env.require("MEMBERS_TABLE"));
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("MEMBERS_TABLE")));
    }

    public MemberEventsHandler(DynamoDbClient ddb, String membersTable) {
        this.reactions = new MemberReactions(new MemberStore(ddb, membersTable));
    }

    @Override
    public Void handleRequest(Map<String, Object> input, Context context) {
        BusEvent<Map<String, Object>> event = BusEvent.parse(input);
        Log.setCorrelationId(event.id());
        switch (event.detailType()) {
            case "NoticePublished" -> reactions.askAgain(event.detailAs(NoticePublished.class));
            default -> LOG.warn("ignored event", "detailType", event.detailType());
        }
        Log.clearContext();
        return null;
    }
}
