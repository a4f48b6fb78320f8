package com.fanops.activities.handler;

import com.fanops.activities.app.Registrations;
import com.fanops.engagement.domain.Standing;
import com.fanops.engagement.store.StandingStore;
import com.fanops.members.domain.DirectoryEntry;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.domain.MemberToken;
import com.fanops.members.domain.Segment;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.SegmentStore;
import com.fanops.platform.http.ProblemException;
import java.time.ZoneId;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who the member is and what registration needs of them, from the members capability and engagement: the member token
 * from sign-up (checked as the rewards member routes check it), admitted or not, the tier (engagement's standing), and
 * the saved segments the member is in now (the member directory's entry against each segment's filter). The segments are
 * worked out only when an activity's audience asks for them: most activities are for everyone.
 */
final class MemberAudience implements Registrations.Members {

    private final MemberStore members;
    private final StandingStore standings;
    private final SegmentStore segments;
    private final MemberDirectoryStore directory;
    private final ZoneId zone;

    MemberAudience(MemberStore members, StandingStore standings, SegmentStore segments, MemberDirectoryStore directory, ZoneId zone) {
        this.members = members;
        this.standings = standings;
        this.segments = segments;
        this.directory = directory;
        this.zone = zone;
    }

    /** The member behind a member token ({@code Authorization: Bearer <token>} from sign-up), or a 401. */
    String authorise(String memberId, String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        Optional<MemberProfile> profile = members.profile(memberId);
        if (token == null || profile.isEmpty() || !MemberToken.matches(token, profile.get().tokenHash())) {
            throw ProblemException.unauthorized("Use the member link you received at sign-up.");
        }
        return memberId;
    }

    @Override
    public Optional<Registrations.Member> member(String memberId) {
        return members.profile(memberId).map(p -> {
            Standing s = standings.get(memberId);
            return new Registrations.Member(memberId, p.status().isAdmitted(), s.tier() == null ? null : s.tier().key(),
                    new Lazy(() -> segmentsOf(memberId)));
        });
    }

    private List<String> segmentsOf(String memberId) {
        List<String> in = new ArrayList<>();
        Optional<DirectoryEntry> entry = directory.get(memberId);
        if (entry.isEmpty()) {
            return in;
        }
        for (Segment s : segments.all()) {
            if (s.query().matches(entry.get(), zone)) {
                in.add(s.id());
            }
        }
        return in;
    }

    /** A list read on first use. */
    private static final class Lazy extends AbstractList<String> {
        private final Supplier<List<String>> source;
        private List<String> read;

        Lazy(Supplier<List<String>> source) {
            this.source = source;
        }

        private List<String> list() {
            if (read == null) {
                read = source.get();
            }
            return read;
        }

        @Override
        public String get(int index) {
            return list().get(index);
        }

        @Override
        public int size() {
            return list().size();
        }
    }
}
