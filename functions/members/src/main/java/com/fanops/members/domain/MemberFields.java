package com.fanops.members.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.input.Text;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The field rules of a member's own data, one place for every way in: the sign-up form, a correction request and an
 * import row all pass through here. Texts follow the platform's {@link Text} hygiene (NFC, no control characters, no lone
 * surrogates, noncharacters or bidi controls, a name must show something) and come back stripped.
 */
public final class MemberFields {

    public static final int NICKNAME = 40;
    public static final int REGION = 60;
    public static final int GUARDIAN_NAME = 60;
    public static final int MAX_INTERESTS = 20;
    public static final int INTEREST = 40;
    /** Nobody alive was born longer ago than this. */
    public static final int MAX_AGE_YEARS = 130;
    /** An operator's reason for a status change, a refusal or a consent recorded on a member's behalf. */
    public static final int REASON = 500;
    /** Where the evidence for an operator's action is kept (a ticket, a link, a note). */
    public static final int EVIDENCE = 2000;

    private MemberFields() {
    }

    public static String nickname(List<FieldError> errors, String field, String value, boolean required) {
        return Text.name(errors, field, value, NICKNAME, required);
    }

    public static String region(List<FieldError> errors, String field, String value, boolean required) {
        return Text.name(errors, field, value, REGION, required);
    }

    public static String guardianName(List<FieldError> errors, String field, String value) {
        return Text.name(errors, field, value, GUARDIAN_NAME, true);
    }

    /** A birthday is optional; given, it is neither in the future nor more than {@link #MAX_AGE_YEARS} ago. */
    public static LocalDate birthday(List<FieldError> errors, String field, LocalDate value, LocalDate today) {
        if (value == null) {
            return null;
        }
        if (value.isAfter(today)) {
            errors.add(new FieldError(field, "must not be in the future"));
            return null;
        }
        if (value.isBefore(today.minusYears(MAX_AGE_YEARS))) {
            errors.add(new FieldError(field, "is not plausible"));
            return null;
        }
        return value;
    }

    /** Optional; given, at most {@link #MAX_INTERESTS} one-line interests of 1-{@link #INTEREST} characters, each named by index. */
    public static List<String> interests(List<FieldError> errors, String field, List<String> value) {
        if (value == null) {
            return null;
        }
        if (value.size() > MAX_INTERESTS) {
            errors.add(new FieldError(field, "at most " + MAX_INTERESTS + " interests"));
            return null;
        }
        List<String> clean = new ArrayList<>();
        int before = errors.size();
        for (int i = 0; i < value.size(); i++) {
            clean.add(Text.name(errors, field + "[" + i + "]", value.get(i), INTEREST, true));
        }
        return errors.size() == before ? List.copyOf(clean) : null;
    }

    /** An operator's reason: may span lines. */
    public static String reason(List<FieldError> errors, String field, String value, boolean required) {
        return Text.multiLine(errors, field, value, REASON, required);
    }

    /** Evidence for an operator's action or an imported consent: may span lines. */
    public static String evidence(List<FieldError> errors, String field, String value, boolean required) {
        return Text.multiLine(errors, field, value, EVIDENCE, required);
    }
}
