package com.fanops.activities.handler;

import com.fanops.activities.app.ActivitiesDailyJob;
import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.Ranking;
import com.fanops.platform.events.EventOutbox;
import com.fanops.rewards.domain.ActivityRanked;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Publishes the ranking as rewards' {@code ActivityRanked} contract (source {@code fanops.activities}) through the outbox. */
final class OutboxRankings implements ActivitiesDailyJob.Rankings {

    static final String SOURCE = "fanops.activities";

    private final EventOutbox outbox;

    OutboxRankings(EventOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void ranked(Activity a, Instant at, List<Ranking.Candidate> top) {
        List<ActivityRanked.Ranked> ranking = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            ranking.add(new ActivityRanked.Ranked(top.get(i).memberId(), i + 1));
        }
        outbox.publishAlone(outbox.stage(SOURCE, new ActivityRanked(a.activityId(), at, ranking)));
    }
}
