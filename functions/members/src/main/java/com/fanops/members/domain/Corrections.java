package com.fanops.members.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a member may ask to correct, under the same field rules as the sign-up ({@link MemberFields}). A new contact is
 * a new membership (the old one can be erased).
 */
public record Corrections(String nickname, String region, LocalDate birthday, List<String> interests) {

    /** The corrections with their texts clean, or one 400 naming every field that breaks a sign-up rule. */
    public Corrections validate(LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (nickname == null && region == null && birthday == null && interests == null) {
            errors.add(new FieldError("corrections", "name at least one field to correct"));
        }
        Corrections clean = new Corrections(MemberFields.nickname(errors, "corrections.nickname", nickname, false),
                MemberFields.region(errors, "corrections.region", region, false),
                MemberFields.birthday(errors, "corrections.birthday", birthday, today),
                MemberFields.interests(errors, "corrections.interests", interests));
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return clean;
    }
}
