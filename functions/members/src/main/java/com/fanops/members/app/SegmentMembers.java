package com.fanops.members.app;

import com.fanops.members.domain.DirectoryEntry;
import com.fanops.members.domain.Segment;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.SegmentStore;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The members of a segment, for other capabilities (messaging, activities): their ids as the member directory lists
 * them now, page by page in the segment's order. Ids only - whoever uses them checks what their own use needs (messaging
 * checks consent at send time; the directory's {@code marketing} flag is a filter, not the consent).
 * <pre>
 *   SegmentMembers members = new SegmentMembers(new SegmentStore(ddb, configTable), new MemberDirectoryStore(ddb, directoryTable, zone));
 *   long n = members.forEach(segmentId, id -&gt; queue.add(id));
 * </pre>
 */
public final class SegmentMembers {

    private static final int PAGE = 200;

    private final SegmentStore segments;
    private final MemberDirectoryStore directory;

    public SegmentMembers(SegmentStore segments, MemberDirectoryStore directory) {
        this.segments = segments;
        this.directory = directory;
    }

    /** Every member id of the segment, in order; the number given to {@code memberId}. An unknown segment is empty. */
    public long forEach(String segmentId, Consumer<String> memberId) {
        Optional<Segment> segment = segments.get(segmentId);
        if (segment.isEmpty()) {
            return 0;
        }
        long n = 0;
        String after = null;
        do {
            MemberDirectoryStore.Page page = directory.page(segment.get().query(), after, PAGE);
            for (DirectoryEntry e : page.entries()) {
                memberId.accept(e.memberId());
                n++;
            }
            after = page.after();
        } while (after != null);
        return n;
    }
}
