package com.fanops.activities.handler;

import com.fanops.members.domain.MemberProfile;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.crypto.FieldCipher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Members' display names (their nickname, decrypted) for the operators who may see personal data: admins, managers and
 * agents. Analysts get none (the caller decides); a member without a nickname or erased has none.
 */
final class MemberNames {

    private final MemberStore members;
    private final FieldCipher cipher;

    MemberNames(MemberStore members, FieldCipher cipher) {
        this.members = members;
        this.cipher = cipher;
    }

    Map<String, String> of(List<String> memberIds) {
        Map<String, String> out = new HashMap<>();
        if (memberIds.isEmpty()) {
            return out;
        }
        for (MemberProfile p : members.profiles(memberIds)) {
            if (p.nicknameEnc() != null) {
                out.put(p.memberId(), cipher.decrypt(p.memberId(), "nickname", p.nicknameEnc()));
            }
        }
        return out;
    }

    String of(String memberId) {
        return of(List.of(memberId)).get(memberId);
    }
}
