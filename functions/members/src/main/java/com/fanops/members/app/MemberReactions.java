package com.fanops.members.app;

import com.fanops.members.domain.MemberJoined;
import com.fanops.members.domain.NoticePublished;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.WelcomeStore;
import com.fanops.platform.log.Log;
import java.time.Clock;

/**
 * Reactions to member events, each safe to deliver twice: a welcome message queued once per member (not for imported
 * members, who are existing members), and re-consent flags for everyone who agreed to an older notice.
 */
public final class MemberReactions {

    private static final Log LOG = Log.get(MemberReactions.class);

    private final MemberStore members;
    private final WelcomeStore welcomes;
    private final Clock clock;

    public MemberReactions(MemberStore members, WelcomeStore welcomes, Clock clock) {
        this.members = members;
        this.welcomes = welcomes;
        this.clock = clock;
    }

    public void welcome(MemberJoined joined) {
        if (joined.imported()) {
            LOG.info("no welcome for an imported member", "memberId", joined.memberId());
            return;
        }
        boolean queued = welcomes.queue(joined.memberId(), joined.locale(), clock.instant());
        LOG.info(queued ? "welcome queued" : "welcome already queued", "memberId", joined.memberId());
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
