package com.fanops.activities.handler;

import com.fanops.activities.app.ActivitiesDailyJob;
import com.fanops.activities.domain.Activity;
import com.fanops.members.domain.DirectoryQuery;
import com.fanops.members.domain.Segment;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.SegmentStore;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.log.Log;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An activity's audience in one segment of a parallel Scan of the members table: the admitted community members (active,
 * warned, muted; no staff or test accounts), and for a tier or a saved segment those whose directory entry passes its
 * filter now (one read per admitted member of the Scan segment). The job writes what it finds into the activity's
 * audience snapshot, so a member's later change of tier or segment does not move them between the evaluation's groups.
 */
final class DirectoryAudience implements ActivitiesDailyJob.AudienceSource {

    private static final Log LOG = Log.get(DirectoryAudience.class);
    private static final int PAGE = 500;

    private final MemberStore members;
    private final MemberDirectoryStore directory;
    private final SegmentStore segments;

    DirectoryAudience(MemberStore members, MemberDirectoryStore directory, SegmentStore segments) {
        this.members = members;
        this.directory = directory;
        this.segments = segments;
    }

    @Override
    public void forEach(Activity.Audience audience, int segment, int segmentCount, Consumer<String> memberId) {
        Optional<DirectoryQuery> filter = filter(audience);
        if (audience.kind() != Activity.Audience.Kind.EVERYONE && filter.isEmpty()) {
            return;
        }
        String after = null;
        do {
            MemberStore.ProfileScan page = members.scanProfiles(segment, segmentCount, after, PAGE);
            page.profiles().stream().filter(p -> p.status().isAdmitted() && p.kind().community()).forEach(p -> {
                if (filter.isEmpty() || directory.get(p.memberId()).filter(e -> filter.get().matches(e, directory.zone())).isPresent()) {
                    memberId.accept(p.memberId());
                }
            });
            after = page.next();
        } while (after != null);
    }

    private Optional<DirectoryQuery> filter(Activity.Audience audience) {
        switch (audience.kind()) {
            case TIER:
                try {
                    return Optional.of(DirectoryQuery.parse(Map.of("tier", audience.value().toLowerCase(Locale.ROOT))));
                } catch (ProblemException unknownTier) {
                    LOG.warn("audience of an unknown tier is empty", "tier", audience.value());
                    return Optional.empty();
                }
            case SEGMENT:
                Optional<Segment> s = segments.get(audience.value());
                if (s.isEmpty()) {
                    LOG.warn("audience of an unknown segment is empty", "segment", audience.value());
                }
                return s.map(Segment::query);
            default:
                return Optional.empty();
        }
    }
}
