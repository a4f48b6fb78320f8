package com.fanops.members.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A member's profile as stored: personal fields only as field ciphertext ({@code *Enc}, null when absent), the derived
 * consent state, the purposes to ask again ({@code reconsent}) and the revision that guards every change.
 * An erased profile keeps only what law requires (the personal fields, token and contact index are null).
 */
public record MemberProfile(String memberId, MemberStatus status, MemberKind kind, String channel, String region, String locale,
                            Instant joinedAt, String contactType, String contactIndex, String nicknameEnc, String contactEnc,
                            String birthdayEnc, String interestsEnc, String guardianEnc, String referralCode, String tokenHash,
                            Map<String, ConsentState.Decision> consents, List<String> reconsent, long revision) {

    public MemberProfile {
        kind = kind == null ? MemberKind.MEMBER : kind;
        tokenHash = tokenHash == null ? "" : tokenHash;
        consents = consents == null ? Map.of() : Map.copyOf(consents);
        reconsent = reconsent == null ? List.of() : List.copyOf(reconsent);
    }

    /** The ciphertext of a personal field by its name (nickname, contact, birthday, interests, guardian), or null. */
    public String encrypted(String field) {
        return switch (field) {
            case "nickname" -> nicknameEnc;
            case "contact" -> contactEnc;
            case "birthday" -> birthdayEnc;
            case "interests" -> interestsEnc;
            case "guardian" -> guardianEnc;
            default -> throw new IllegalArgumentException(field);
        };
    }
}
