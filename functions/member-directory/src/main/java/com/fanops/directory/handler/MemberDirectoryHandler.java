package com.fanops.directory.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.engagement.domain.CategoryChanged;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.domain.TierChanged;
import com.fanops.engagement.store.StandingStore;
import com.fanops.members.app.DirectoryProjector;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.MemberStore;
import com.fanops.metrics.domain.MemberDormant;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.dynamo.CapacityMeter;
import com.fanops.platform.events.BusEvent;
import com.fanops.platform.json.Json;
import com.fanops.platform.log.Log;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Keeps the member directory (owned by the members capability, docs/members.md) from the events that change what it
 * lists: member events (the profile is read as it is now), standing events (tier, category, score) and dormancy. Invoked
 * asynchronously by EventBridge rules; every event is safe to deliver twice and in any order ({@link DirectoryProjector}).
 * A direct invocation {@code {"rebuild": {"segment": 0, "totalSegments": 1, "after": null, "pages": 200}}} rebuilds the
 * entries of existing members from the members table and their standings, and answers where to go on.
 * <p>
 * It lives outside the members packages because it reads the engagement and metrics capabilities' event records, and
 * those capabilities depend on the members one.
 */
public final class MemberDirectoryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    public record Rebuild(Integer segment, Integer totalSegments, String after, Integer pages) {
    }

    private static final Log LOG = Log.get(MemberDirectoryHandler.class);

    private final DirectoryProjector projector;
    private final DirectoryProjector.Standings standings;
    private final CapacityMeter meter = new CapacityMeter();

    public MemberDirectoryHandler() {
        this(AwsClients.dynamoDb(), Env.require("MEMBERS_TABLE"), Env.require("MEMBER_DIRECTORY_TABLE"), Env.require("INTERACTIONS_TABLE"),
                ZoneId.of(Env.require("BUSINESS_TIME_ZONE")));
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("MEMBERS_TABLE")));
    }

    public MemberDirectoryHandler(DynamoDbClient ddb, String membersTable, String directoryTable, String interactionsTable, ZoneId zone) {
        this.projector = new DirectoryProjector(new MemberDirectoryStore(ddb, directoryTable, zone, meter), new MemberStore(ddb, membersTable));
        StandingStore standingStore = new StandingStore(ddb, interactionsTable, meter);
        this.standings = memberId -> {
            Standing s = standingStore.get(memberId);
            return s.rev() == 0 ? Optional.empty()
                    : Optional.of(new DirectoryProjector.Standing(s.tier().key(), s.category().key(), s.rev()));
        };
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        if (input.containsKey("rebuild")) {
            return rebuild(Json.mapper().convertValue(input.get("rebuild"), Rebuild.class));
        }
        BusEvent<Map<String, Object>> event = BusEvent.parse(input);
        Log.setCorrelationId(event.id());
        try {
            meter.drain();
            String memberId = null;
            DirectoryProjector.Result result;
            switch (event.detailType()) {
                case "MemberJoined", "MemberStatusChanged", "ConsentChanged", "MemberErased" -> {
                    memberId = String.valueOf(event.detail().get("memberId"));
                    result = projector.memberChanged(memberId);
                }
                case "TierChanged" -> {
                    TierChanged t = event.detailAs(TierChanged.class);
                    memberId = t.memberId();
                    result = projector.tierChanged(t.memberId(), t.from(), t.to(), t.revision(), t.on());
                }
                case "CategoryChanged" -> {
                    CategoryChanged c = event.detailAs(CategoryChanged.class);
                    memberId = c.memberId();
                    result = projector.categoryChanged(c.memberId(), c.from(), c.to(), c.score(), c.revision(), c.on());
                }
                case "MemberDormant" -> {
                    MemberDormant d = event.detailAs(MemberDormant.class);
                    memberId = d.memberId();
                    result = projector.dormant(d.memberId(), d.day(), d.lastActiveDay());
                }
                default -> {
                    LOG.warn("ignored event", "detailType", event.detailType());
                    return null;
                }
            }
            double[] units = meter.drain();
            LOG.info("member directory", "detailType", event.detailType(), "memberId", memberId, "result", result,
                    "readUnits", units[0], "writeUnits", units[1]);
            return null;
        } finally {
            Log.clearContext();
        }
    }

    private Map<String, Object> rebuild(Rebuild r) {
        int total = r.totalSegments() == null ? 1 : r.totalSegments();
        int segment = r.segment() == null ? 0 : r.segment();
        if (total < 1 || total > 1000 || segment < 0 || segment >= total) {
            throw new IllegalArgumentException("segment must be 0 to totalSegments - 1, totalSegments 1 to 1000");
        }
        DirectoryProjector.Progress progress = projector.rebuild(segment, total, r.after(), r.pages() == null ? 200 : r.pages(), standings);
        LOG.info("member directory rebuilt", "segment", segment, "members", progress.members(), "done", progress.next() == null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("segment", segment);
        out.put("totalSegments", total);
        out.put("members", progress.members());
        out.put("after", progress.next());
        return out;
    }
}
