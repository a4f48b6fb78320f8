package com.fanops.engagement.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An operator's manual points adjustment as checked: non-zero and at most {@link #MAX_POINTS} either way (compared
 * directly, never through {@code Math.abs}, whose answer for {@code Long.MIN_VALUE} is negative), a one-line reason,
 * and an id that makes a retry count once.
 */
public record PointsAdjustment(long points, String reason, String adjustmentId) {

    public static final long MAX_POINTS = 1_000_000;
    public static final int REASON_MIN = 3;
    public static final int REASON_MAX = 200;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Non-zero and within {@link #MAX_POINTS} either way, compared on both sides. */
    public static boolean withinBounds(long points) {
        return points != 0 && points >= -MAX_POINTS && points <= MAX_POINTS;
    }

    /** The adjustment, or one 400 naming every field that breaks a rule; a missing id is a fresh one. */
    public static PointsAdjustment of(Long points, String reason, String adjustmentId) {
        List<FieldError> errors = new ArrayList<>();
        if (points == null || !withinBounds(points)) {
            errors.add(new FieldError("points", "a non-zero whole number from -" + MAX_POINTS + " to " + MAX_POINTS));
        }
        String clean = Text.line(errors, "reason", reason, REASON_MAX, true);
        if (clean != null && Text.length(clean) < REASON_MIN) {
            errors.add(new FieldError("reason", "is required (" + REASON_MIN + " to " + REASON_MAX + " characters)"));
        }
        if (adjustmentId != null && !ID.matcher(adjustmentId).matches()) {
            errors.add(new FieldError("adjustmentId", "1-64 letters, digits, . _ : -"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new PointsAdjustment(points, clean, adjustmentId == null ? UUID.randomUUID().toString() : adjustmentId);
    }
}
