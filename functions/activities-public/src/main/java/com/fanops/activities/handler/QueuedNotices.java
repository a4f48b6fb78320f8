package com.fanops.activities.handler;

import com.fanops.activities.app.Registrations;
import com.fanops.activities.domain.Activity;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.messaging.domain.MessageKind;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.messaging.store.MessageRequests;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registration confirmations and promotions as messaging requests on its queue ({@code activity_registered},
 * {@code activity_promoted}: service kinds, so messaging checks the membership consent at send time). The cause names
 * the registration by its number ({@code activity:<id>:registered:<no>}): the same registration asked twice is one
 * message, a new registration after a cancellation its own.
 */
final class QueuedNotices implements Registrations.Notices {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MessageRequests requests;
    private final RegistrationStore registrations;
    private final ZoneId zone;
    private final Clock clock;

    QueuedNotices(MessageRequests requests, RegistrationStore registrations, ZoneId zone, Clock clock) {
        this.requests = requests;
        this.registrations = registrations;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public void registered(Activity a, String memberId, boolean waiting) {
        registrations.get(a.activityId(), memberId).ifPresent(r -> {
            Map<String, String> params = params(a, r.no());
            params.put("status", waiting ? "waiting" : "registered");
            requests.send(new MessageRequest(memberId, MessageKind.ACTIVITY_REGISTERED.key(),
                    "activity:" + a.activityId() + ":registered:" + r.no(), params, clock.instant()));
        });
    }

    @Override
    public void promoted(Activity a, String memberId) {
        registrations.get(a.activityId(), memberId).ifPresent(r -> requests.send(new MessageRequest(memberId,
                MessageKind.ACTIVITY_PROMOTED.key(), "activity:" + a.activityId() + ":promoted:" + r.no(), params(a, r.no()), clock.instant())));
    }

    private Map<String, String> params(Activity a, long no) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("activity", cut(a.theme(), 60));
        p.put("startsAt", WHEN.format(a.startsAt().atZone(zone)));
        p.put("place", a.place() == null ? "online" : cut(a.place(), 60));
        p.put("no", Long.toString(no));
        return p;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
