package com.fanops.messaging.app;

import com.fanops.messaging.domain.DeliveryStatus;
import com.fanops.messaging.domain.EmailEvent;
import com.fanops.messaging.domain.Message;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.messaging.store.Suppressions;
import com.fanops.platform.log.Log;
import java.util.Optional;

/**
 * SES's reports on what it was sent: the log follows the message (delivered, bounced, complained, failed), and a hard
 * bounce or a complaint puts the address on the suppression list, so later messages to it are logged as suppressed.
 * Each report may arrive twice or out of order: a status only moves forward, a listed address stays listed.
 */
public final class DeliveryEvents {

    private static final Log LOG = Log.get(DeliveryEvents.class);

    private final DeliveryLog log;
    private final Suppressions suppressions;
    private final Recipients recipients;

    public DeliveryEvents(DeliveryLog log, Suppressions suppressions, Recipients recipients) {
        this.log = log;
        this.suppressions = suppressions;
        this.recipients = recipients;
    }

    public void apply(EmailEvent event) {
        Optional<Message> found = event.messageId() == null ? Optional.empty() : log.find(event.messageId());
        if (event.suppresses()) {
            for (String address : event.addresses()) {
                suppressions.add(recipients.addressIndex("email", address), "Bounce".equals(event.type()) ? "bounce" : "complaint",
                        event.at(), event.messageId(), found.map(Message::memberId).orElse(null));
            }
        }
        DeliveryStatus to = event.status();
        if (found.isEmpty() || to == null) {
            LOG.info("e-mail event without a log change", "type", event.type(), "messageId", String.valueOf(event.messageId()));
            return;
        }
        boolean moved = log.reported(found.get(), to, event.detail(), event.at());
        LOG.info("e-mail event", "type", event.type(), "messageId", event.messageId(), "moved", moved);
    }
}
