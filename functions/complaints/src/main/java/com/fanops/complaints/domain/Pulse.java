package com.fanops.complaints.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A community satisfaction pulse (issue 14, 002 measures the community's satisfaction, not only complainants'): a short
 * survey (1-5 and an optional comment) sent as marketing to a uniform random sample of admitted community members, open
 * for a number of days. Counters are kept on the pulse; answers are anonymous to operators (no member id on an answer).
 *
 * @param drawn     the sample was drawn and its invitations written (the pulse opens then)
 * @param requested how many messages were asked of messaging (consent, caps and quiet hours are messaging's at send time)
 * @param byScore   answers per score, index 1..5
 */
public record Pulse(String pulseId, Question question, int sampleSize, Instant createdAt, String createdBy, Instant closesAt,
                    boolean drawn, long sampled, long requested, long answers, long scoreSum, long[] byScore) {

    public static final Pattern ID = Pattern.compile("p_[0-9a-f]{24}");
    public static final int MAX_SAMPLE = 10_000;
    public static final int MAX_DAYS = 30;
    public static final int DEFAULT_DAYS = 7;
    public static final int MAX_QUESTION = 200;
    public static final int MAX_COMMENT = 1000;

    /** The question in both languages the pages speak. */
    public record Question(@JsonProperty("zh-CN") String zhCN, @JsonProperty("en") String en) {
        public static final Question DEFAULT = new Question("总体而言，您对我们的社区满意吗？（1 分最低，5 分最高）",
                "Overall, how satisfied are you with our community? (1 lowest, 5 highest)");
    }

    public enum Status {
        /** Waiting for the sweep to draw the sample. */
        SAMPLING,
        OPEN,
        CLOSED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Status status(Instant now) {
        if (!now.isBefore(closesAt)) {
            return Status.CLOSED;
        }
        return drawn ? Status.OPEN : Status.SAMPLING;
    }

    /** The average score, two decimals; null without answers. */
    public Double score() {
        return answers == 0 ? null : Math.round(scoreSum * 100.0 / answers) / 100.0;
    }

    /** Answers per invitation asked of messaging, as a fraction with four decimals; null before any request. */
    public Double responseRate() {
        return requested == 0 ? null : Math.round(answers * 10_000.0 / requested) / 10_000.0;
    }
}
