package com.fanops.messaging.domain;

import java.util.Map;

/**
 * What the send decision needs to know of a member at send time, read from the member's record just before sending.
 * No contact here: only its type and its blind index (for the suppression list).
 *
 * @param status   the membership status key (active, warned, muted, pending, rejected, left, removed, erased)
 * @param consents purpose key to the decision in force
 */
public record Recipient(String memberId, String status, String locale, String contactType, String contactIndex,
                        Map<String, ConsentBasis> consents) {

    public Recipient {
        consents = consents == null ? Map.of() : Map.copyOf(consents);
    }

    public ConsentBasis consent(String purpose) {
        return consents.get(purpose);
    }
}
