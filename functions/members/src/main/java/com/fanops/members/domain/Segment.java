package com.fanops.members.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A segment: a named, saved filter over the member directory (the same names as the list's query parameters), counted
 * live and iterated by messaging and activities ({@code SegmentMembers}). Each save is a new {@code version} kept in the
 * segment's history with its author and time.
 */
public record Segment(String id, String name, Map<String, String> filter, String owner, Instant createdAt, String changedBy,
                      Instant changedAt, int version) {

    public Segment {
        filter = Map.copyOf(filter);
    }

    public DirectoryQuery query() {
        return DirectoryQuery.parse(filter);
    }
}
