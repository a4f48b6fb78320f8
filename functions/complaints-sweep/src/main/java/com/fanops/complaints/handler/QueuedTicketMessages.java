package com.fanops.complaints.handler;

import com.fanops.complaints.app.TicketMessages;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.messaging.store.MessageRequests;
import java.time.Clock;

/**
 * Complaints' messages as messaging requests on its queue: to the member when the complainant proved membership
 * (consent checked by messaging), otherwise to the ticket's complainant.
 */
final class QueuedTicketMessages implements TicketMessages.Outbound {

    private final MessageRequests requests;
    private final Clock clock;

    QueuedTicketMessages(MessageRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public void request(TicketMessages m) {
        requests.send(m.memberId() != null
                ? new MessageRequest(m.memberId(), m.kind(), m.cause(), m.params(), clock.instant())
                : MessageRequest.toTicket(m.ticketId(), m.kind(), m.cause(), m.params(), clock.instant()));
    }
}
