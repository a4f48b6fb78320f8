package com.fanops.members.domain;

import java.time.LocalDate;
import java.util.List;

/** The public sign-up form's body. Unknown fields are refused by the strict reader. */
public record SignUpRequest(String nickname, String email, String phone, String region, String channel, String referralCode,
                            LocalDate birthday, List<String> interests, String locale, List<ConsentDecision> consents,
                            Guardian guardian) {

    /** One decision per purpose shown on the form, naming the notice version the form showed. */
    public record ConsentDecision(String purpose, Boolean granted, Integer noticeVersion) {
    }

    /** For members under the minimum age: the guardian's name, contact and consent. */
    public record Guardian(String name, String email, String phone, Boolean consent) {
    }
}
