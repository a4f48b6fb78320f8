package com.fanops.activities.handler;

import com.fanops.activities.app.Registrations;
import com.fanops.members.domain.DirectoryEntry;
import com.fanops.members.domain.Segment;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.SegmentStore;
import com.fanops.rewards.app.MemberLookup;
import java.time.ZoneId;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What registration needs of a member, from the members capability and engagement: admitted or not, the tier, and the
 * saved segments the member is in now (the member directory's entry against each segment's filter). The segments are
 * worked out only when an activity's audience asks for them: most activities are for everyone.
 */
final class MemberAudience implements Registrations.Members {

    private final MemberLookup lookup;
    private final SegmentStore segments;
    private final MemberDirectoryStore directory;
    private final ZoneId zone;

    MemberAudience(MemberLookup lookup, SegmentStore segments, MemberDirectoryStore directory, ZoneId zone) {
        this.lookup = lookup;
        this.segments = segments;
        this.directory = directory;
        this.zone = zone;
    }

    @Override
    public Optional<Registrations.Member> member(String memberId) {
        return lookup.get(memberId).map(m -> new Registrations.Member(memberId, m.admitted(), m.tier() == null ? null : m.tier().key(),
                new Lazy(() -> segmentsOf(memberId))));
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
        private final java.util.function.Supplier<List<String>> source;
        private List<String> read;

        Lazy(java.util.function.Supplier<List<String>> source) {
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
