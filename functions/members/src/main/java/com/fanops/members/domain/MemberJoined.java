package com.fanops.members.domain;

import java.time.Instant;

/**
 * Published when a member is admitted (sign-up without review, approval, or bulk import with the member's historical
 * {@code joinedAt}). {@code kind} is member, staff or test; {@code imported} marks existing members brought in by an
 * import (no welcome message). Events published before these fields existed read as member / false. No personal data.
 */
public record MemberJoined(String memberId, String channel, String locale, Instant joinedAt, String referralCode, String kind,
                           boolean imported) {

    public MemberJoined {
        kind = MemberKind.orMember(kind).key();
    }

    /** A community member joining through a form or an approval. */
    public MemberJoined(String memberId, String channel, String locale, Instant joinedAt, String referralCode) {
        this(memberId, channel, locale, joinedAt, referralCode, MemberKind.MEMBER.key(), false);
    }
}
