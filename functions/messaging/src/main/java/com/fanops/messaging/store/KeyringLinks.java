package com.fanops.messaging.store;

import com.fanops.messaging.app.Links;
import com.fanops.messaging.domain.UnsubscribeToken;
import com.fanops.platform.crypto.Keyring;
import java.util.Optional;

/**
 * Links in messages. The unsubscribe token's key is a data key of its own in the keyring ({@value #PURPOSE}), so links
 * survive cold starts and key rotation, and cannot be made without KMS access to the key.
 */
public final class KeyringLinks implements Links {

    static final String PURPOSE = "unsubscribe";

    private final Keyring keyring;
    private final String siteUrl;
    private final String apiUrl;

    /**
     * @param siteUrl the public site (the dashboard's origin, which serves the public pages)
     * @param apiUrl  the public API
     */
    public KeyringLinks(Keyring keyring, String siteUrl, String apiUrl) {
        this.keyring = keyring;
        this.siteUrl = strip(siteUrl);
        this.apiUrl = strip(apiUrl);
    }

    @Override
    public String communityUrl() {
        return siteUrl + "/member.html";
    }

    @Override
    public String unsubscribePage(String messageId) {
        return siteUrl + "/unsubscribe.html#" + token(messageId);
    }

    @Override
    public String unsubscribeEndpoint(String messageId) {
        return apiUrl + "/v1/unsubscribe/" + token(messageId);
    }

    @Override
    public Optional<String> messageOf(String token) {
        return UnsubscribeToken.keyId(token).flatMap(keyId -> {
            try {
                return UnsubscribeToken.messageId(token, keyring.key(keyId));
            } catch (IllegalStateException unknownKey) {
                return Optional.empty();
            }
        });
    }

    private String token(String messageId) {
        String keyId = keyring.activeKeyId(PURPOSE);
        return UnsubscribeToken.of(keyId, keyring.key(keyId), messageId);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
