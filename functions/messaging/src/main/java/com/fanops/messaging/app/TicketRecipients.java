package com.fanops.messaging.app;

import java.time.Instant;
import java.util.Optional;

/**
 * Complaint tickets as messaging sees them: the complainant of a ticket, who need not be a member. Implemented by the
 * sender function over the complaints capability's store (messaging does not depend on complaints: complaints sends
 * through messaging). The contact is decrypted only for the message at hand, never logged or stored.
 */
public interface TicketRecipients {

    /** What the send decision needs: the contact's type and blind index, the language, when the complaint came in. */
    record TicketRecipient(String ticketId, String locale, String contactType, String contactIndex, Instant receivedAt) {
    }

    Optional<TicketRecipient> recipient(String ticketId);

    /** The complainant's name and contact in plaintext, for this one message. */
    Recipients.Contactable contact(String ticketId);

    /** No ticket is ever found (a deployment without complaints, and tests of the member path). */
    TicketRecipients NONE = new TicketRecipients() {
        @Override
        public Optional<TicketRecipient> recipient(String ticketId) {
            return Optional.empty();
        }

        @Override
        public Recipients.Contactable contact(String ticketId) {
            throw new IllegalStateException("no ticket recipients here");
        }
    };
}
