package com.fanops.members.domain;

import java.util.Locale;
import java.util.Optional;

/** Where a member came from (渠道). */
public enum Channel {
    WEB, WECHAT, WEIBO, DOUYIN, STORE, EVENT, IMPORT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> of(String key) {
        for (Channel c : values()) {
            if (c.key().equals(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
