package com.fanops.messaging.app;

import java.net.URI;
import java.util.Map;

/** The channels a message leaves by: SES e-mail, End User Messaging SMS, a signed webhook. */
public interface Providers {

    /** An e-mail; {@code headers} are extra headers (List-Unsubscribe); {@code messageId} is tagged for SES events. */
    String email(String to, String subject, String text, String html, Map<String, String> headers, String messageId);

    String sms(String to, String text, boolean marketing, String messageId);

    /** Posts the JSON body to the brand's receiver, signed; the receiver's answer id or the message id. */
    String webhook(URI url, String body, String messageId);

    /** The provider refused this message for good (a malformed address, a rejected message): no retry will help. */
    final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The provider could not take it now (throttled, unavailable): the request is retried later. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
