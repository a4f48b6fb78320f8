package com.fanops.messaging.app;

import com.fanops.messaging.domain.Recipient;
import java.util.Optional;

/** The members capability as messaging sees it: a member's record at send time, and their contact when sending. */
public interface Recipients {

    Optional<Recipient> recipient(String memberId);

    /** The member's nickname and contact in plaintext, for this one message; never logged, never stored. */
    Contactable contact(String memberId);

    /** The blind index of an address (the one members uses for the duplicate check), for the suppression list. */
    String addressIndex(String type, String address);

    record Contactable(String nickname, String type, String address) {
        @Override
        public String toString() {
            return "Contactable[" + type + "]";
        }
    }
}
