package com.fanops.members.app;

import com.fanops.members.domain.NoticePublished;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberStore;
import com.fanops.platform.log.Log;

/**
 * Reactions to member events, each safe to deliver twice: re-consent flags for everyone who agreed to an older notice.
 * (The welcome message is the messaging capability's: it reacts to MemberJoined itself.)
 */
public final class MemberReactions {

    private static final Log LOG = Log.get(MemberReactions.class);

    private final MemberStore members;

    public MemberReactions(MemberStore members) {
        this.members = members;
    }

    public void askAgain(NoticePublished published) {
        Purpose purpose = Purpose.of(published.purpose()).orElseThrow();
        int flagged = 0;
        for (int version = 1; version < published.version(); version++) {
            MemberStore.Page<String> page = null;
            do {
                page = members.grantedTo(purpose, version, page == null ? null : page.next(), 200);
                for (String memberId : page.items()) {
                    flagged += members.flagReconsent(memberId, purpose, published.version()) ? 1 : 0;
                }
            } while (page.next() != null);
        }
        LOG.info("re-consent flagged", "purpose", purpose.key(), "version", published.version(), "members", flagged);
    }
}
