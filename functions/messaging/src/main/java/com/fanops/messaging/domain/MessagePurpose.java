package com.fanops.messaging.domain;

/**
 * What a message is for, which decides the consent it needs at send time (seed 000 §3.3: personal data only for the
 * purpose it was given for). Service messages need membership; marketing messages also need the {@code marketing}
 * purpose granted, and they are capped and kept out of quiet hours.
 */
public enum MessagePurpose {
    SERVICE, MARKETING;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
