package com.fanops.messaging.domain;

import java.util.Locale;

/** Why a request was not sent; logged on the message, never silently dropped. */
public enum SuppressionReason {
    UNKNOWN_MEMBER, NOT_ADMITTED, MEMBERSHIP_ENDED, ERASED, NO_MEMBERSHIP_CONSENT, NO_MARKETING_CONSENT, FREQUENCY_CAP,
    ADDRESS_SUPPRESSED, NO_CHANNEL, STALE,
    /** A ticket recipient whose ticket is unknown, or whose contact was erased. */
    UNKNOWN_TICKET;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
