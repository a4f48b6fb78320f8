package com.fanops.members.store;

import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.log.Log;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.members.domain.MemberProfile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each reader may see of a member. Managers and admins see personal data decrypted; agents see the
 * nickname and a masked contact (enough to recognise a caller); analysts see no personal data at all.
 */
public final class MemberViews {

    private static final List<String> PERSONAL = List.of("nickname", "contact", "birthday", "interests", "guardian");

    private final FieldCipher cipher;

    public MemberViews(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** Everything held, decrypted: for the member's own export and for managers and admins. */
    public Map<String, Object> full(MemberProfile p) {
        Map<String, Object> out = base(p);
        for (String field : PERSONAL) {
            String value = p.encrypted(field);
            if (value != null) {
                out.put(field, cipher.decrypt(p.memberId(), field, value));
            }
        }
        if (p.referralCode() != null) {
            out.put("referralCode", p.referralCode());
        }
        return out;
    }

    public Map<String, Object> forCaller(MemberProfile p, Caller caller) {
        if (caller.has(Role.ADMIN) || caller.has(Role.MANAGER)) {
            return full(p);
        }
        Map<String, Object> out = base(p);
        if (caller.has(Role.AGENT)) {
            if (p.nicknameEnc() != null) {
                out.put("nickname", cipher.decrypt(p.memberId(), "nickname", p.nicknameEnc()));
            }
            if (p.contactEnc() != null) {
                out.put("contact", Log.mask(cipher.decrypt(p.memberId(), "contact", p.contactEnc())));
            }
        }
        return out;
    }

    private static Map<String, Object> base(MemberProfile p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memberId", p.memberId());
        out.put("status", p.status().key());
        out.put("kind", p.kind().key());
        out.put("channel", p.channel());
        out.put("region", p.region());
        out.put("locale", p.locale());
        out.put("joinedAt", p.joinedAt().toString());
        if (p.contactType() != null) {
            out.put("contactType", p.contactType());
        }
        Map<String, Object> consents = new LinkedHashMap<>();
        p.consents().forEach((purpose, d) -> consents.put(purpose, Map.of(
                "granted", d.granted(), "noticeVersion", d.noticeVersion(), "at", d.at().toString())));
        out.put("consents", consents);
        if (!p.reconsent().isEmpty()) {
            out.put("reconsentRequired", p.reconsent());
        }
        return out;
    }
}
