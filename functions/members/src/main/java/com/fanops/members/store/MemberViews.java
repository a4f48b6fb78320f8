package com.fanops.members.store;

import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.log.Log;
import com.fanops.platform.crypto.FieldCipher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
    public Map<String, Object> full(MemberStore.Profile p) {
        Map<String, Object> out = base(p);
        for (String field : PERSONAL) {
            AttributeValue value = p.raw().get(field + "Enc");
            if (value != null) {
                out.put(field, cipher.decrypt(p.memberId(), field, value.s()));
            }
        }
        if (p.raw().containsKey("referralCode")) {
            out.put("referralCode", p.raw().get("referralCode").s());
        }
        return out;
    }

    public Map<String, Object> forCaller(MemberStore.Profile p, Caller caller) {
        if (caller.has(Role.ADMIN) || caller.has(Role.MANAGER)) {
            return full(p);
        }
        Map<String, Object> out = base(p);
        if (caller.has(Role.AGENT)) {
            if (p.raw().containsKey("nicknameEnc")) {
                out.put("nickname", cipher.decrypt(p.memberId(), "nickname", p.raw().get("nicknameEnc").s()));
            }
            if (p.raw().containsKey("contactEnc")) {
                out.put("contact", Log.mask(cipher.decrypt(p.memberId(), "contact", p.raw().get("contactEnc").s())));
            }
        }
        return out;
    }

    private static Map<String, Object> base(MemberStore.Profile p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memberId", p.memberId());
        out.put("status", p.status());
        out.put("kind", p.kind().key());
        out.put("channel", p.channel());
        out.put("region", p.region());
        out.put("locale", p.locale());
        out.put("joinedAt", p.joinedAt().toString());
        if (p.raw().containsKey("contactType")) {
            out.put("contactType", p.raw().get("contactType").s());
        }
        Map<String, Object> consents = new LinkedHashMap<>();
        p.raw().getOrDefault("consents", AttributeValue.fromM(Map.of())).m().forEach((purpose, d) -> consents.put(purpose, Map.of(
                "granted", d.m().get("granted").bool(), "noticeVersion", Integer.parseInt(d.m().get("version").n()), "at", d.m().get("at").s())));
        out.put("consents", consents);
        if (p.raw().containsKey("reconsent")) {
            out.put("reconsentRequired", p.raw().get("reconsent").ss());
        }
        return out;
    }
}
