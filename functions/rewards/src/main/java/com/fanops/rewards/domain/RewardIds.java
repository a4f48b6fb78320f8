package com.fanops.rewards.domain;

import java.util.regex.Pattern;

/** The shapes of the ids this capability takes and hands out, checked on every path, query and body field. */
public final class RewardIds {

    /** Operator-chosen ids of catalogue items, rules, budgets and code pools: a lower-case slug. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,47}");
    /** An issuance: {@code r_} and 32 hex digits. */
    public static final Pattern ISSUANCE = Pattern.compile("r_[0-9a-f]{32}");
    /** A grant waiting for approval: {@code a_} and 32 hex digits. */
    public static final Pattern APPROVAL = Pattern.compile("a_[0-9a-f]{32}");
    /** A coupon code as stored: printable ASCII without spaces or separators that CSV or a key would mangle. */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{4,64}");
    /** An Idempotency-Key or a client's grant id. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
    /** An event id on the bus (EventBridge ids are UUIDs; replays and tests use other shapes). */
    public static final Pattern EVENT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RewardIds() {
    }
}
