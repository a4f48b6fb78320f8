package com.fanops.messaging.app;

import com.fanops.messaging.domain.Message;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.platform.http.ProblemException;
import java.time.Clock;

/**
 * One click withdraws marketing consent: the token names a message, the message names the member, and the members
 * capability writes the withdrawal to the consent ledger. Clicking again changes nothing and answers the same.
 */
public final class Unsubscribe {

    /** The members capability's consent ledger, as this needs it: true when a withdrawal was recorded now. */
    public interface ConsentLedger {
        boolean withdrawMarketing(String memberId, String source);
    }

    private final Links links;
    private final DeliveryLog log;
    private final ConsentLedger ledger;
    private final Clock clock;

    public Unsubscribe(Links links, DeliveryLog log, ConsentLedger ledger, Clock clock) {
        this.links = links;
        this.log = log;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Withdraws; answers the message's kind. A token that is not genuine is a 404 (it names nothing we sent). */
    public String withdraw(String token) {
        String messageId = links.messageOf(token).orElseThrow(() -> ProblemException.notFound("Unsubscribe link"));
        Message m = log.find(messageId).orElseThrow(() -> ProblemException.notFound("Unsubscribe link"));
        if (ledger.withdrawMarketing(m.memberId(), "unsubscribe-link")) {
            log.unsubscribed(clock.instant());
        }
        return m.kind();
    }
}
