package com.fanops.local.messaging;

import java.time.Instant;
import java.util.Map;

/** A text message the SMS stand-in accepted, as SendTextMessage described it. */
record SentSms(String messageId, String region, Instant timestamp, String phoneNumber, String body, String messageType,
               String originationIdentity, String configurationSetName, Map<String, String> context) {
}
