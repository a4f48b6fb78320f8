package com.fanops.messaging.app;

import com.fanops.messaging.domain.EmailEvent;
import com.fanops.platform.events.BusEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SES event publishing's JSON (the {@code detail} of an {@code aws.ses} event on EventBridge) as an {@link EmailEvent}:
 * {@code eventType}, {@code mail.tags} (our {@code fanops-message} tag), {@code bounce.bounceType} and its
 * {@code bouncedRecipients}, {@code complaint.complainedRecipients}.
 */
public final class SesEvents {

    public static final String TAG = "fanops-message";

    private SesEvents() {
    }

    @SuppressWarnings("unchecked")
    public static EmailEvent of(BusEvent<Map<String, Object>> e) {
        Map<String, Object> d = e.detail();
        String type = String.valueOf(d.getOrDefault("eventType", d.getOrDefault("notificationType", "")));
        Map<String, Object> mail = d.get("mail") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        String messageId = null;
        if (mail.get("tags") instanceof Map<?, ?> tags && tags.get(TAG) instanceof List<?> values && !values.isEmpty()) {
            messageId = String.valueOf(values.get(0));
        }
        List<String> addresses = new ArrayList<>();
        boolean permanent = false;
        String detail = null;
        if (d.get("bounce") instanceof Map<?, ?> bounce) {
            permanent = "Permanent".equals(bounce.get("bounceType"));
            detail = bounce.get("bounceType") + "/" + bounce.get("bounceSubType");
            recipients(bounce.get("bouncedRecipients"), addresses);
        } else if (d.get("complaint") instanceof Map<?, ?> complaint) {
            detail = complaint.get("complaintFeedbackType") == null ? null : String.valueOf(complaint.get("complaintFeedbackType"));
            recipients(complaint.get("complainedRecipients"), addresses);
        } else if (d.get("reject") instanceof Map<?, ?> reject) {
            detail = String.valueOf(reject.get("reason"));
        }
        Instant at = e.time() == null ? Instant.EPOCH : e.time();
        return new EmailEvent(type, messageId, addresses, permanent, detail, at);
    }

    private static void recipients(Object list, List<String> out) {
        if (list instanceof List<?> l) {
            for (Object r : l) {
                if (r instanceof Map<?, ?> m && m.get("emailAddress") != null) {
                    out.add(String.valueOf(m.get("emailAddress")));
                }
            }
        }
    }
}
