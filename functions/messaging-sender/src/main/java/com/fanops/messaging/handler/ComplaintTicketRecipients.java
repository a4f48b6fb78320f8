package com.fanops.messaging.handler;

import com.fanops.complaints.domain.Ticket;
import com.fanops.complaints.store.TicketStore;
import com.fanops.messaging.app.Recipients;
import com.fanops.messaging.app.TicketRecipients;
import com.fanops.platform.crypto.FieldCipher;
import java.util.Optional;

/**
 * Complaint tickets' complainants for messaging, read from the complaints table at send time: the contact's type and
 * blind index and the ticket's language; the name and contact are decrypted only for the message at hand. Lives in the
 * sender function, which depends on both capabilities (complaints sends through messaging, so messaging cannot depend
 * on complaints).
 */
final class ComplaintTicketRecipients implements TicketRecipients {

    private final TicketStore tickets;
    private final FieldCipher cipher;

    ComplaintTicketRecipients(TicketStore tickets, FieldCipher cipher) {
        this.tickets = tickets;
        this.cipher = cipher;
    }

    @Override
    public Optional<TicketRecipient> recipient(String ticketId) {
        return tickets.find(ticketId).filter(t -> t.contactEnc() != null)
                .map(t -> new TicketRecipient(t.ticketId(), t.locale(), t.contactType(), t.contactIndex(), t.receivedAt()));
    }

    @Override
    public Recipients.Contactable contact(String ticketId) {
        Ticket t = tickets.find(ticketId).orElseThrow(() -> new IllegalStateException("ticket vanished while sending"));
        return new Recipients.Contactable(cipher.decrypt(t.ticketId(), "name", t.nameEnc()), t.contactType(),
                cipher.decrypt(t.ticketId(), "contact", t.contactEnc()));
    }
}
