package com.fanops.members.app;

import com.fanops.members.domain.DirectoryQuery;
import com.fanops.members.domain.Segment;
import com.fanops.members.store.MemberDirectoryStore;
import com.fanops.members.store.SegmentStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segments: named, saved filters over the member directory. Admins and managers save and delete them (each save a new
 * version with its author and time, a stale one refused); every operator role that opens the Members area reads them
 * and counts them live. Names are the operators' words, so the audit line carries only the segment id and version.
 */
public final class Segments {

    public static final int NAME_MAX = 60;
    /** Directory items a live count reads at most (about 300 bytes each: about 4,000 read units). */
    public static final int COUNT_BUDGET = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SegmentStore store;
    private final MemberDirectoryStore directory;
    private final AuditLog audit;
    private final Clock clock;

    public Segments(SegmentStore store, MemberDirectoryStore directory, AuditLog audit, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Segment> all() {
        return store.all();
    }

    public Segment get(String id) {
        return store.get(id).orElseThrow(() -> ProblemException.notFound("Segment"));
    }

    public Segment create(String actor, String name, Map<String, String> filter) {
        if (store.all().size() >= SegmentStore.MAX_SEGMENTS) {
            throw ProblemException.conflict("too-many-segments", "Too many segments",
                    "A brand keeps at most " + SegmentStore.MAX_SEGMENTS + " segments: delete one first.");
        }
        String clean = name(name);
        Map<String, String> saved = filter(filter);
        Instant now = clock.instant();
        Segment segment = new Segment("seg_" + HexFormat.of().formatHex(RANDOM.generateSeed(6)), clean, saved, actor, now, actor, now, 1);
        store.save(segment, 0);
        audit.record(actor, "segments.create", segment.id(), null);
        return segment;
    }

    public Segment change(String actor, String id, Integer basedOn, String name, Map<String, String> filter) {
        if (basedOn == null) {
            throw ProblemException.invalidField("basedOn", "is required: the version you edited");
        }
        String clean = name(name);
        Map<String, String> saved = filter(filter);
        Segment read = get(id);
        if (read.version() != basedOn) {
            throw stale();
        }
        Segment next = new Segment(id, clean, saved, read.owner(), read.createdAt(), actor, clock.instant(), basedOn + 1);
        try {
            store.save(next, basedOn);
        } catch (SegmentStore.Stale e) {
            throw stale();
        }
        audit.record(actor, "segments.change", id + "@v" + next.version(), null);
        return next;
    }

    public void delete(String actor, String id) {
        Segment read = get(id);
        try {
            store.delete(id, read.version());
        } catch (SegmentStore.Stale e) {
            throw stale();
        }
        audit.record(actor, "segments.delete", id, null);
    }

    /** How many members the segment holds now: {@code count}, and {@code complete} false when the read budget ran out first. */
    public Map<String, Object> count(String actor, String id) {
        Segment segment = get(id);
        MemberDirectoryStore.Count count = directory.count(segment.query(), COUNT_BUDGET);
        audit.record(actor, "segments.count", id, null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("segmentId", id);
        out.put("count", count.count());
        out.put("complete", count.complete());
        return out;
    }

    private static String name(String name) {
        List<FieldError> errors = new ArrayList<>();
        String clean = Text.line(errors, "name", name, NAME_MAX, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return clean;
    }

    /** The filter as the list takes it: known names only, each value checked; saved in its canonical form. */
    private static Map<String, String> filter(Map<String, String> filter) {
        if (filter == null) {
            throw ProblemException.invalidField("filter", "is required (an empty object is every admitted member)");
        }
        for (String key : filter.keySet()) {
            if (!DirectoryQuery.FILTERS.contains(key)) {
                throw ProblemException.invalidField("filter." + key, "is not a filter; use " + String.join(", ", DirectoryQuery.FILTERS));
            }
            if (filter.get(key) == null) {
                throw ProblemException.invalidField("filter." + key, "must be a text value");
            }
        }
        return DirectoryQuery.parse(filter).values();
    }

    private static ProblemException stale() {
        return ProblemException.conflict("stale-segment", "Changed meanwhile", "Someone saved this segment since you read it: reload it.");
    }
}
