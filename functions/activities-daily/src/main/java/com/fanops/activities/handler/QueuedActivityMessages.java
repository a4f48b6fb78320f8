package com.fanops.activities.handler;

import com.fanops.activities.app.ActivitiesDailyJob;
import com.fanops.activities.domain.Activity;
import com.fanops.messaging.domain.MessageRequest;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The job's messages as requests on messaging's queue, one per member, kind and cause - {@code activity:<id>:invitation},
 * {@code activity:<id>:reminder}, {@code activity:<id>:survey} - so a request sent again (a shard redelivered after a
 * crash) makes no second message. Messaging checks, at send time, the consent each kind's purpose needs: the invitation
 * and the reminder are marketing, the survey a service message to a participant.
 */
final class QueuedActivityMessages implements ActivitiesDailyJob.Messages {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Consumer<MessageRequest> requests;
    private final String siteUrl;
    private final ZoneId zone;
    private final Clock clock;

    /** @param requests {@code MessageRequests::send} (messaging's queue; it refuses a malformed request before queueing) */
    QueuedActivityMessages(Consumer<MessageRequest> requests, String siteUrl, ZoneId zone, Clock clock) {
        this.requests = requests;
        this.siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * The public activity page ({@code activity.html#<id>}): it shows the activity and sends the member to their own
     * private page to register ({@code member.html?activity=<id>#<their link>}). The invitation carries no credential.
     */
    @Override
    public void invitation(Activity a, String memberId) {
        send(a, memberId, "activity_invitation", "invitation", Map.of("activity", theme(a), "startsAt", startsAt(a), "place", place(a),
                "activityUrl", activityPage(a.activityId())));
    }

    @Override
    public void reminder(Activity a, String memberId) {
        send(a, memberId, "activity_reminder", "reminder", Map.of("activity", theme(a), "startsAt", startsAt(a), "place", place(a)));
    }

    /** The same page with the member's own survey credential: it opens the form and answers without the member token. */
    @Override
    public void survey(Activity a, String memberId, String surveyToken) {
        send(a, memberId, "activity_survey", "survey", Map.of("activity", theme(a),
                "surveyUrl", activityPage(a.activityId()) + "." + surveyToken));
    }

    String activityPage(String activityId) {
        return siteUrl + "/activity.html#" + activityId;
    }

    private void send(Activity a, String memberId, String kind, String what, Map<String, String> params) {
        requests.accept(new MessageRequest(memberId, kind, "activity:" + a.activityId() + ":" + what, params, clock.instant()));
    }


    private static String theme(Activity a) {
        return a.theme().length() <= 60 ? a.theme() : a.theme().substring(0, 59) + "…";
    }

    private String startsAt(Activity a) {
        return WHEN.format(a.startsAt().atZone(zone));
    }

    private static String place(Activity a) {
        String p = a.place() == null ? "online" : a.place();
        return p.length() <= 60 ? p : p.substring(0, 59) + "…";
    }
}
