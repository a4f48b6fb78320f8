package com.fanops.rewards.domain;

import com.fanops.platform.http.FieldError;
import java.util.List;

/**
 * How many of one catalogue item a member may hold: in total and per calendar day, ISO week, month and year of the
 * business time zone. Null means no limit of that kind. Revoked, failed and expired issuances give their place back.
 */
public record MemberLimits(Integer total, Integer day, Integer week, Integer month, Integer year) {

    public static final int MAX = 1_000_000;

    public static MemberLimits none() {
        return new MemberLimits(null, null, null, null, null);
    }

    void validate(List<FieldError> errors, String field) {
        check(errors, field + ".total", total);
        check(errors, field + ".day", day);
        check(errors, field + ".week", week);
        check(errors, field + ".month", month);
        check(errors, field + ".year", year);
    }

    private static void check(List<FieldError> errors, String field, Integer value) {
        if (value != null && (value < 1 || value > MAX)) {
            errors.add(new FieldError(field, "a whole number from 1 to " + MAX + ", or absent for no limit"));
        }
    }
}
