package com.fanops.local.messaging;

import java.util.Locale;

/**
 * SES's mailbox simulator addresses (SES Developer Guide, "Using the mailbox simulator manually"): what happens to a
 * message sent to each, labels ({@code bounce+anything@}) included. Any other address is delivered: locally there is
 * no internet, so nothing bounces for real.
 */
enum MailboxSimulator {
    DELIVERED, BOUNCED, COMPLAINED, SUPPRESSED;

    static final String DOMAIN = "simulator.amazonses.com";

    static MailboxSimulator outcome(String address) {
        String bare = address(address).toLowerCase(Locale.ROOT);
        int at = bare.lastIndexOf('@');
        if (at < 0 || !bare.substring(at + 1).equals(DOMAIN)) {
            return DELIVERED;
        }
        String local = bare.substring(0, at);
        int plus = local.indexOf('+');
        return switch (plus < 0 ? local : local.substring(0, plus)) {
            case "bounce" -> BOUNCED;
            case "complaint" -> COMPLAINED;
            case "suppressionlist" -> SUPPRESSED;
            default -> DELIVERED; // success@ and ooto@ are delivered (an out-of-office reply is no sending event)
        };
    }

    /** The address inside {@code Display Name <address>}, or the text itself. */
    static String address(String mailbox) {
        int open = mailbox.lastIndexOf('<');
        int close = mailbox.lastIndexOf('>');
        return open >= 0 && close > open ? mailbox.substring(open + 1, close).trim() : mailbox.trim();
    }
}
