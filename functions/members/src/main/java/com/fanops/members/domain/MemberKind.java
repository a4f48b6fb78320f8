package com.fanops.members.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What an account is for. Staff and test accounts exist in the system (they can be scored, rewarded, tested
 * against) but are excluded from every community metric. Not personal data.
 */
public enum MemberKind {
    MEMBER, STAFF, TEST;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the account counts in community metrics. */
    public boolean community() {
        return this == MEMBER;
    }

    public static Optional<MemberKind> of(String key) {
        for (MemberKind k : values()) {
            if (k.key().equals(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** A stored or published value; absent (older items and events) means a community member. */
    public static MemberKind orMember(String key) {
        return key == null ? MEMBER : of(key).orElse(MEMBER);
    }
}
