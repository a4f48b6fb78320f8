package com.fanops.members.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One member as the member directory lists them: only filterable, non-personal attributes, each group with the
 * revision (or day) it was learnt at, so a late or repeated event never overwrites what a newer one said.
 * <ul>
 *   <li>profile facts (status, kind, channel, joinedAt, marketing consent): the profile's {@code revision};</li>
 *   <li>tier: the standing revision of its {@code TierChanged}; category and score: that of its {@code CategoryChanged};</li>
 *   <li>dormancy: the day of the latest {@code MemberDormant}, cleared by a later upward tier or category change
 *       (only activity moves a member up).</li>
 * </ul>
 * {@code version} is the stored item's own counter (optimistic writes), not a fact.
 */
public record DirectoryEntry(String memberId, String status, String kind, String channel, Instant joinedAt, boolean marketing,
                             long profileRev, String tier, long tierRev, String category, long categoryRev, double score,
                             LocalDate scoreOn, LocalDate dormantOn, LocalDate activeOn, LocalDate lastActiveDay, long version) {

    public static final String FIRST_TIER = "bronze";
    public static final String FIRST_CATEGORY = "potential";

    /** What the member directory knows before any event: the entry-level tier and category, no score. */
    public static DirectoryEntry empty(String memberId) {
        return new DirectoryEntry(memberId, null, null, null, null, false, 0, FIRST_TIER, 0, FIRST_CATEGORY, 0, 0, null, null,
                null, null, 0);
    }

    /** The members capability's facts as the profile says them at {@code revision}. */
    public record ProfileFacts(String status, String kind, String channel, Instant joinedAt, boolean marketing, long revision) {
    }

    public DirectoryEntry withProfile(ProfileFacts p) {
        if (p.revision() <= profileRev) {
            return this;
        }
        return new DirectoryEntry(memberId, p.status(), p.kind(), p.channel(), p.joinedAt(), p.marketing(), p.revision(), tier, tierRev,
                category, categoryRev, score, scoreOn, dormantOn, activeOn, lastActiveDay, version);
    }

    /** A tier change at standing revision {@code rev} (null in events older than revisions: taken only if nothing newer is known). */
    public DirectoryEntry withTier(String from, String to, Long rev, LocalDate on) {
        // Moving up takes activity: that counts whatever the order (a stale change still says the member was active).
        LocalDate active = Ranks.TIERS.indexOf(to) > Ranks.TIERS.indexOf(from) ? later(activeOn, on) : activeOn;
        boolean newer = rev == null ? tierRev == 0 : rev > tierRev;
        return new DirectoryEntry(memberId, status, kind, channel, joinedAt, marketing, profileRev, newer ? to : tier,
                newer && rev != null ? rev : tierRev, category, categoryRev, score, scoreOn, dormantOn, active, later(lastActiveDay, active),
                version);
    }

    /** A category change with the score it was decided on, at standing revision {@code rev}. */
    public DirectoryEntry withCategory(String from, String to, double newScore, Long rev, LocalDate on) {
        LocalDate active = Ranks.CATEGORIES.indexOf(to) > Ranks.CATEGORIES.indexOf(from) ? later(activeOn, on) : activeOn;
        boolean newer = rev == null ? categoryRev == 0 : rev > categoryRev;
        return new DirectoryEntry(memberId, status, kind, channel, joinedAt, marketing, profileRev, tier, tierRev, newer ? to : category,
                newer && rev != null ? rev : categoryRev, newer ? newScore : score, newer ? on : scoreOn, dormantOn, active,
                later(lastActiveDay, active), version);
    }

    /** The standing as stored (backfill): taken when its revision is newer than what either event said. */
    public DirectoryEntry withStanding(String newTier, String newCategory, long rev) {
        DirectoryEntry out = this;
        if (rev > tierRev) {
            out = new DirectoryEntry(memberId, status, kind, channel, joinedAt, marketing, profileRev, newTier, rev, category, categoryRev,
                    score, scoreOn, dormantOn, activeOn, lastActiveDay, version);
        }
        if (rev > out.categoryRev) {
            out = new DirectoryEntry(memberId, status, kind, channel, joinedAt, marketing, profileRev, out.tier, out.tierRev, newCategory,
                    rev, score, scoreOn, dormantOn, activeOn, lastActiveDay, version);
        }
        return out;
    }

    /** A dormancy episode starting on {@code day}; the latest episode wins, a repeat changes nothing. */
    public DirectoryEntry withDormancy(LocalDate day, LocalDate lastActive) {
        if (dormantOn != null && !day.isAfter(dormantOn)) {
            return this;
        }
        return new DirectoryEntry(memberId, status, kind, channel, joinedAt, marketing, profileRev, tier, tierRev, category, categoryRev,
                score, scoreOn, day, activeOn, later(lastActiveDay, lastActive), version);
    }

    /** Dormant when the latest episode began after the latest activity the directory has seen. */
    public boolean dormant() {
        return dormantOn != null && (activeOn == null || !activeOn.isAfter(dormantOn));
    }

    /** Listed once the members capability has told its status and join time. */
    public boolean listed() {
        return status != null && joinedAt != null;
    }

    public DirectoryEntry withVersion(long v) {
        return new DirectoryEntry(memberId, status, kind, channel, joinedAt, marketing, profileRev, tier, tierRev, category, categoryRev,
                score, scoreOn, dormantOn, activeOn, lastActiveDay, v);
    }

    /** The same facts (the stored counter aside): nothing to write. */
    public boolean sameFacts(DirectoryEntry other) {
        return withVersion(0).equals(other.withVersion(0));
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
