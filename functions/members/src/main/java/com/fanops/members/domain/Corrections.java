package com.fanops.members.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** What a member may ask to correct. A new contact is a new membership (the old one can be erased). */
public record Corrections(String nickname, String region, LocalDate birthday, List<String> interests) {

    public void validate(LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (nickname == null && region == null && birthday == null && interests == null) {
            errors.add(new FieldError("corrections", "name at least one field to correct"));
        }
        if (nickname != null && (nickname.isBlank() || nickname.strip().length() > 40)) {
            errors.add(new FieldError("corrections.nickname", "must be 1-40 characters"));
        }
        if (region != null && (region.isBlank() || region.strip().length() > 60)) {
            errors.add(new FieldError("corrections.region", "must be 1-60 characters"));
        }
        if (birthday != null && birthday.isAfter(today)) {
            errors.add(new FieldError("corrections.birthday", "must not be in the future"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
