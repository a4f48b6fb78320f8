package com.fanops.messaging.app;

/** The links a message carries: the community's page, and a marketing message's one-click unsubscribe. */
public interface Links {

    String communityUrl();

    /** The link in the message body: a page where the member confirms with one click. */
    String unsubscribePage(String messageId);

    /** The RFC 8058 {@code List-Unsubscribe} target: POST {@code List-Unsubscribe=One-Click} withdraws at once. */
    String unsubscribeEndpoint(String messageId);

    /** The message id an unsubscribe token was made for, if the token is genuine. */
    java.util.Optional<String> messageOf(String token);
}
