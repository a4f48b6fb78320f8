package com.fanops.members.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The shapes of the ids this capability hands out, checked on every path and query parameter before any read. */
public final class MemberIds {

    /** {@code m_} and hex: 32 digits as minted, a little room for older ids. */
    public static final Pattern MEMBER = Pattern.compile("m_[0-9a-f]{1,64}");
    /** A data-subject request: the member's id, a dot, 8 hex digits. */
    public static final Pattern REQUEST = Pattern.compile("m_[0-9a-f]{1,64}\\.[0-9a-f]{8}");
    /** The statuses an operator may filter by, as the API spells them. */
    public static final List<String> STATUS_KEYS = Arrays.stream(MemberStatus.values()).map(MemberStatus::key).toList();
    public static final List<String> CHANNEL_KEYS = Arrays.stream(Channel.values()).map(Channel::key).toList();
    public static final List<String> REQUEST_STATUS_KEYS = Arrays.stream(DataRequest.Status.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT)).toList();

    private MemberIds() {
    }
}
