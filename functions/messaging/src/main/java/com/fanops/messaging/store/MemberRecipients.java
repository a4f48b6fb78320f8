package com.fanops.messaging.store;

import com.fanops.members.domain.ConsentState;
import com.fanops.members.domain.Contact;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.store.MemberStore;
import com.fanops.messaging.app.Recipients;
import com.fanops.messaging.domain.ConsentBasis;
import com.fanops.messaging.domain.Recipient;
import com.fanops.platform.crypto.FieldCipher;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Members as messaging reads them, from the members table at send time (one consistent read of the profile, whose
 * consent map is the current state derived from the ledger). The contact is decrypted only for the message at hand.
 */
public final class MemberRecipients implements Recipients {

    private final MemberStore members;
    private final FieldCipher cipher;
    /** The profile this thread read for the send decision: the send that follows decrypts from it, not a second read. */
    private final ThreadLocal<MemberProfile> lastRead = new ThreadLocal<>();

    public MemberRecipients(MemberStore members, FieldCipher cipher) {
        this.members = members;
        this.cipher = cipher;
    }

    @Override
    public Optional<Recipient> recipient(String memberId) {
        Optional<MemberProfile> read = members.profile(memberId);
        lastRead.set(read.orElse(null));
        return read.map(p -> {
            Map<String, ConsentBasis> consents = new HashMap<>();
            for (Map.Entry<String, ConsentState.Decision> e : p.consents().entrySet()) {
                ConsentState.Decision d = e.getValue();
                consents.put(e.getKey(), new ConsentBasis(e.getKey(), d.granted(), d.noticeVersion(), d.at()));
            }
            String type = p.contactEnc() == null || p.contactType() == null ? null
                    : "phone".equals(p.contactType().toLowerCase(Locale.ROOT)) ? "phone" : "email";
            return new Recipient(p.memberId(), p.status().key(), p.locale(), type, p.contactIndex(), consents);
        });
    }

    @Override
    public Contactable contact(String memberId) {
        MemberProfile cached = lastRead.get();
        lastRead.remove();
        MemberProfile p = cached != null && cached.memberId().equals(memberId) ? cached
                : members.profile(memberId).orElseThrow(() -> new IllegalStateException("member vanished while sending"));
        String nickname = p.nicknameEnc() == null ? null : cipher.decrypt(p.memberId(), "nickname", p.nicknameEnc());
        String contact = cipher.decrypt(p.memberId(), "contact", p.contactEnc());
        return new Contactable(nickname, p.contactType(), contact);
    }

    @Override
    public String addressIndex(String type, String address) {
        Contact c = "phone".equals(type) ? Contact.phone(address) : Contact.email(address);
        return c == null ? "invalid:" + cipher.blindIndex(address) : cipher.blindIndex(c.indexInput());
    }
}
