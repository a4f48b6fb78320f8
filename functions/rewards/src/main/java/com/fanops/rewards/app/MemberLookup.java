package com.fanops.rewards.app;

import com.fanops.engagement.domain.MemberDay;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.store.InteractionStore;
import com.fanops.engagement.store.StandingStore;
import com.fanops.members.domain.MemberStatus;
import com.fanops.members.domain.MemberToken;
import com.fanops.platform.http.ProblemException;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.store.MemberStore;
import com.fanops.rewards.domain.ConsentBasis;
import com.fanops.rewards.domain.MemberSnapshot;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads what rewards need of a member from the members capability (status, kind, consents) and engagement (tier, category). */
public final class MemberLookup {

    private final MemberStore members;
    private final StandingStore standings;
    private final InteractionStore days;

    public MemberLookup(MemberStore members, StandingStore standings, InteractionStore days) {
        this.members = members;
        this.standings = standings;
        this.days = days;
    }

    /** Every admitted member's profile (active, warned, muted), a page of the members' status index at a time. */
    public void forEachAdmitted(Consumer<MemberProfile> each) {
        for (MemberStatus status : MemberStatus.values()) {
            if (!status.isAdmitted()) {
                continue;
            }
            MemberStore.Page<MemberProfile> page = members.byStatus(status, null, 200);
            while (true) {
                page.items().forEach(each);
                if (page.next() == null) {
                    break;
                }
                page = members.byStatus(status, page.next(), 200);
            }
        }
    }

    /**
     * The admitted members of one segment of a parallel Scan of the members table (a shard of a fanned-out daily run): the
     * segments of one count partition the members. The Scan reads every item of the segment, not only profiles.
     */
    public void forEachAdmitted(int segment, int segments, Consumer<MemberProfile> each) {
        String after = null;
        do {
            MemberStore.ProfileScan page = members.scanProfiles(segment, segments, after, 500);
            page.profiles().stream().filter(p -> p.status().isAdmitted()).forEach(each);
            after = page.next();
        } while (after != null);
    }

    /** Whether the member had an active day from {@code from} to {@code to}, both included (engagement's day items). */
    public boolean activeBetween(String memberId, LocalDate from, LocalDate to) {
        return !to.isBefore(from) && days.days(memberId, from, to).stream().anyMatch(MemberDay::active);
    }

    public Optional<MemberSnapshot> get(String memberId) {
        return members.profile(memberId).map(this::snapshot);
    }

    public Optional<MemberProfile> profile(String memberId) {
        return members.profile(memberId);
    }

    /** The member behind a member token ({@code Authorization: Bearer <token>} from sign-up), or a 401. */
    public MemberSnapshot authorise(String memberId, String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        Optional<MemberProfile> profile = members.profile(memberId);
        if (token == null || profile.isEmpty() || !MemberToken.matches(token, profile.get().tokenHash())) {
            throw ProblemException.unauthorized("Use the member link you received at sign-up.");
        }
        return snapshot(profile.get());
    }

    public MemberSnapshot snapshot(MemberProfile p) {
        Standing s = standings.get(p.memberId());
        Map<String, ConsentBasis> consents = new HashMap<>();
        p.consents().forEach((purpose, d) -> {
            if (d.granted()) {
                consents.put(purpose, new ConsentBasis(purpose, d.noticeVersion(), d.at()));
            }
        });
        return new MemberSnapshot(p.memberId(), p.status().isAdmitted(), p.kind().key(), p.locale(), p.joinedAt(), s.tier(), s.category(),
                consents);
    }
}
