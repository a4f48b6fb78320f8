package com.fanops.complaints.store;

import com.fanops.platform.crypto.Keyring;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A ticket's private link: {@code <site>/complaint-status.html#<ticketNumber>.<token>}. The token is the keyring's
 * {@code complaint-link} key id and an HMAC-SHA256 of the ticket id under that key: unguessable without the key, and the
 * same each time it is made for a ticket (so a redelivered intake sends the same link). Only its SHA-256 is stored.
 */
public final class TicketLinks {

    static final String PURPOSE = "complaint-link";
    private final Keyring keyring;
    private final String siteUrl;

    public TicketLinks(Keyring keyring, String siteUrl) {
        this.keyring = keyring;
        this.siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
    }

    public String token(String ticketId) {
        String keyId = keyring.activeKeyId(PURPOSE);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyring.key(keyId), "HmacSHA256"));
            byte[] tag = mac.doFinal(("complaint-link\n" + ticketId).getBytes(StandardCharsets.UTF_8));
            return keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status page for the ticket, with its token in the fragment (never sent to a server by a browser). */
    public String statusPage(String ticketNumber, String token) {
        return siteUrl + "/complaint-status.html#" + ticketNumber + "." + token;
    }

    /** The survey page, likewise. */
    public String surveyPage(String ticketNumber, String token) {
        return siteUrl + "/complaint-survey.html#" + ticketNumber + "." + token;
    }
}
