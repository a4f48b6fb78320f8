package com.fanops.members.domain;

import java.time.Instant;

/** A new version of a purpose's notice: members who consented to an older one must be asked again. */
public record NoticePublished(String purpose, int version, Instant publishedAt) {
}
