package com.fanops.messaging.domain;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kinds of message Fanops sends, each with its purpose and the placeholders its templates may use (with the
 * longest value each can take, so an SMS template's worst case can be counted when it is saved). Every kind may use
 * {@code nickname} and {@code communityUrl}; marketing kinds also {@code unsubscribeUrl}, which every marketing message
 * carries whether its template names it or not.
 */
public enum MessageKind {
    /** 001 §5.2.2: once admitted. */
    WELCOME(MessagePurpose.SERVICE, Timing.AT_ONCE, Map.of()),
    /** 001 §5.3.2: a dormant member is cared for - marketing, so only with consent. */
    CARE(MessagePurpose.MARKETING, Timing.WAKING_HOURS, Map.of("lastActiveDay", 10, "dormantDays", 5)),
    TIER_CHANGED(MessagePurpose.SERVICE, Timing.WAKING_HOURS, Map.of("tier", 16, "fromTier", 16)),
    TIER_DOWNGRADE_WARNING(MessagePurpose.SERVICE, Timing.WAKING_HOURS, Map.of("tier", 16, "downgradeTo", 16, "downgradeOn", 10)),
    POINTS_EXPIRING(MessagePurpose.SERVICE, Timing.WAKING_HOURS, Map.of("points", 12, "expiresOn", 10)),
    DATA_REQUEST_UPDATE(MessagePurpose.SERVICE, Timing.AT_ONCE, Map.of("requestType", 16, "requestStatus", 16, "deadline", 10)),
    REWARD_ISSUED(MessagePurpose.SERVICE, Timing.WAKING_HOURS, Map.of("rewardName", 60, "rewardType", 16)),
    /** Complaints: the acknowledgement promises the first-response time. */
    TICKET_ACKNOWLEDGED(MessagePurpose.SERVICE, Timing.AT_ONCE, Map.of("ticketNumber", 20, "replyBy", 40, "statusUrl", 200)),
    TICKET_REPLY(MessagePurpose.SERVICE, Timing.AT_ONCE, Map.of("ticketNumber", 20, "reply", 280)),
    SURVEY(MessagePurpose.SERVICE, Timing.AT_ONCE, Map.of("surveyUrl", 200, "ticketNumber", 20)),
    /** Activities: the reminder and the countdown before an activity the member registered for. */
    ACTIVITY_REMINDER(MessagePurpose.MARKETING, Timing.WAKING_HOURS, Map.of("activity", 60, "startsAt", 40, "place", 60)),
    /** Activities: confirms the member's own registration or place on the waiting list ({@code status}, {@code no}). */
    ACTIVITY_REGISTERED(MessagePurpose.SERVICE, Timing.AT_ONCE, Map.of("activity", 60, "startsAt", 40, "place", 60, "status", 16, "no", 12)),
    /** Activities: a waiting member got a seat. */
    ACTIVITY_PROMOTED(MessagePurpose.SERVICE, Timing.AT_ONCE, Map.of("activity", 60, "startsAt", 40, "place", 60, "no", 12)),
    /** Activities: the invitation to the activity's audience - marketing, so only with consent. */
    ACTIVITY_INVITATION(MessagePurpose.MARKETING, Timing.WAKING_HOURS, Map.of("activity", 60, "startsAt", 40, "place", 60, "activityUrl", 120)),
    /** Activities: the post-activity survey link to a participant. */
    ACTIVITY_SURVEY(MessagePurpose.SERVICE, Timing.WAKING_HOURS, Map.of("activity", 60, "surveyUrl", 200)),
    /** The community satisfaction pulse (complaints): a sampled member's private survey link - marketing, so only with consent. */
    PULSE_SURVEY(MessagePurpose.MARKETING, Timing.WAKING_HOURS, Map.of("pulseUrl", 200)),
    /** An operator's own service message to one member from the dashboard. */
    OPERATOR_NOTE(MessagePurpose.SERVICE, Timing.AT_ONCE, Map.of("text", 280));

    /** Placeholders every kind may use, with their longest values. */
    public static final Map<String, Integer> COMMON = Map.of("nickname", 40, "communityUrl", 120);
    public static final String UNSUBSCRIBE = "unsubscribeUrl";
    static final int UNSUBSCRIBE_LENGTH = 120;

    /** When a kind may go: at once, or only outside the quiet hours ({@link #waitsForWakingHours()}). */
    public enum Timing { AT_ONCE, WAKING_HOURS }

    private final MessagePurpose purpose;
    private final Timing timing;
    private final Map<String, Integer> own;

    MessageKind(MessagePurpose purpose, Timing timing, Map<String, Integer> own) {
        if (purpose == MessagePurpose.MARKETING && timing != Timing.WAKING_HOURS) {
            throw new IllegalArgumentException("a marketing kind always waits out the quiet hours");
        }
        this.purpose = purpose;
        this.timing = timing;
        this.own = own;
    }

    /**
     * Whether the message waits out the quiet hours: every marketing kind, and the service kinds nobody is waiting for at
     * that moment - news the nightly jobs produce (a tier change at the 00:05 review, points expiring, a birthday reward
     * at 00:30, an activity's survey at 00:40). Answers to what the member or an operator just did go at once.
     */
    public boolean waitsForWakingHours() {
        return timing == Timing.WAKING_HOURS;
    }

    public MessagePurpose purpose() {
        return purpose;
    }

    public boolean marketing() {
        return purpose == MessagePurpose.MARKETING;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The parameters a request of this kind carries (what the producer fills in). */
    public Set<String> parameters() {
        return new TreeSet<>(own.keySet());
    }

    /** Every placeholder a template of this kind may use, with the longest value it can take. */
    public Map<String, Integer> placeholders() {
        Map<String, Integer> all = new LinkedHashMap<>(COMMON);
        all.putAll(own);
        if (marketing()) {
            all.put(UNSUBSCRIBE, UNSUBSCRIBE_LENGTH);
        }
        return all;
    }

    /** The kinds a complaint ticket's recipient (who need not be a member) may be sent: the complaint is their basis. */
    public boolean forTickets() {
        return this == TICKET_ACKNOWLEDGED || this == TICKET_REPLY || this == SURVEY;
    }

    public static Optional<MessageKind> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(MessageKind::key).toList();
    }
}
