package com.fanops.activities.handler;

import com.fanops.activities.app.ActivitiesDailyJob;
import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.Ranking;
import com.fanops.platform.events.EventOutbox;
import com.fanops.rewards.domain.ActivityRanked;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the ranking and the activity's prizes as rewards' {@code ActivityRanked} contract (source
 * {@code fanops.activities}) through the outbox; rewards issues the prizes from the activity's allocation.
 */
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
        List<ActivityRanked.Prize> prizes = a.prizes().stream().map(p -> new ActivityRanked.Prize(p.itemId(), p.topN())).toList();
        outbox.publishAlone(outbox.stage(SOURCE, new ActivityRanked(a.activityId(), at, ranking, prizes)));
    }
}
