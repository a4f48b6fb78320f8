package com.fanops.messaging.domain;

import java.util.Locale;

/**
 * Why a request was not sent; logged on the message, never silently dropped. {@code UNKNOWN_TICKET}: a request to a
 * complaint ticket's complainant whose ticket is unknown or has no contact any more.
 */
public enum SuppressionReason {
    UNKNOWN_MEMBER, NOT_ADMITTED, MEMBERSHIP_ENDED, ERASED, NO_MEMBERSHIP_CONSENT, NO_MARKETING_CONSENT, FREQUENCY_CAP,
    ADDRESS_SUPPRESSED, NO_CHANNEL, STALE, UNKNOWN_TICKET;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
