package com.fanops.complaints.app;

import java.util.Map;

/**
 * What complaints asks messaging to send, and the port it goes through (the function modules put it on messaging's
 * requests queue). A member complainant is written to as a member ({@code memberId}: consent checked by messaging);
 * anyone else as the ticket's recipient ({@code ticketId}: the complaint itself is the legal basis).
 *
 * @param kind  {@code ticket_acknowledged}, {@code ticket_reply} or {@code survey}
 * @param cause unique per message ({@code ticket:C-20261124-0042:ack}), never personal data
 */
public record TicketMessages(String memberId, String ticketId, String kind, String cause, Map<String, String> params) {

    public interface Outbound {
        void request(TicketMessages message);
    }

    @Override
    public String toString() {
        return "TicketMessages[" + kind + " " + cause + "]";
    }
}
