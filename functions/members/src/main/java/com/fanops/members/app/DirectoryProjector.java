package com.fanops.members.app;

import com.fanops.members.domain.DirectoryEntry;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.domain.Purpose;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.MemberStore;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Keeps the member directory from events, each safe to deliver twice and in any order: a member event makes it read
 * the profile as it is now (its revision orders it), a standing or dormancy event carries its own revision or day
 * ({@link DirectoryEntry}). An entry is read, changed and written back under its version; a concurrent writer makes it
 * read again. An event that changes nothing writes nothing.
 */
public final class DirectoryProjector {

    public enum Result { APPLIED, UNCHANGED, UNKNOWN_MEMBER }

    /** The engagement capability's stored standing, for a rebuild (a port: the members capability does not read its table). */
    public interface Standings {
        Optional<Standing> of(String memberId);
    }

    public record Standing(String tier, String category, long revision) {
    }

    /** Where a rebuild stands: profiles written so far, and the scan position to go on from (null when the segment is done). */
    public record Progress(int members, String next) {
    }

    private static final int ATTEMPTS = 8;

    private final MemberDirectoryStore directory;
    private final MemberStore members;

    public DirectoryProjector(MemberDirectoryStore directory, MemberStore members) {
        this.directory = directory;
        this.members = members;
    }

    /** MemberJoined, MemberStatusChanged, ConsentChanged, MemberErased: the profile as it is now. */
    public Result memberChanged(String memberId) {
        Optional<MemberProfile> profile = members.profile(memberId);
        if (profile.isEmpty()) {
            return Result.UNKNOWN_MEMBER;
        }
        return apply(memberId, e -> e.withProfile(facts(profile.get())));
    }

    public Result tierChanged(String memberId, String from, String to, Long revision, LocalDate on) {
        return apply(memberId, e -> e.withTier(from, to, revision, on));
    }

    public Result categoryChanged(String memberId, String from, String to, double score, Long revision, LocalDate on) {
        return apply(memberId, e -> e.withCategory(from, to, score, revision, on));
    }

    public Result dormant(String memberId, LocalDate day, LocalDate lastActiveDay) {
        return apply(memberId, e -> e.withDormancy(day, lastActiveDay));
    }

    /**
     * Rebuilds the entries of one segment of the members table (existing deployments): up to {@code pages} scan pages of
     * 500 items from {@code after}; each profile and its standing applied like an event (a newer event is never undone).
     */
    public Progress rebuild(int segment, int totalSegments, String after, int pages, Standings standings) {
        int count = 0;
        String next = after;
        for (int i = 0; i < pages; i++) {
            MemberStore.ProfileScan scan = members.scanProfiles(segment, totalSegments, next, 500);
            for (MemberProfile p : scan.profiles()) {
                Optional<Standing> standing = standings.of(p.memberId());
                apply(p.memberId(), e -> {
                    DirectoryEntry out = e.withProfile(facts(p));
                    return standing.map(s -> out.withStanding(s.tier(), s.category(), s.revision())).orElse(out);
                });
                count++;
            }
            next = scan.next();
            if (next == null) {
                break;
            }
        }
        return new Progress(count, next);
    }

    static DirectoryEntry.ProfileFacts facts(MemberProfile p) {
        var marketing = p.consents().get(Purpose.MARKETING.key());
        return new DirectoryEntry.ProfileFacts(p.status().key(), p.kind().key(), p.channel(), p.joinedAt(),
                marketing != null && marketing.granted(), p.revision());
    }

    private Result apply(String memberId, UnaryOperator<DirectoryEntry> change) {
        for (int attempt = 1; ; attempt++) {
            DirectoryEntry read = directory.get(memberId).orElse(DirectoryEntry.empty(memberId));
            DirectoryEntry next = change.apply(read);
            if (next.sameFacts(read) && read.version() > 0) {
                return Result.UNCHANGED;
            }
            try {
                directory.put(next);
                return Result.APPLIED;
            } catch (MemberDirectoryStore.ChangedMeanwhile raced) {
                if (attempt == ATTEMPTS) {
                    throw raced;
                }
            }
        }
    }
}
