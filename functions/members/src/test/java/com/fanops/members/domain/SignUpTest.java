package com.fanops.members.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.platform.http.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignUpTest {

    // 2026-11-22 01:00 in Shanghai is still 2026-11-21 in UTC: age is counted on the business day.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T17:00:00Z"), ZoneOffset.UTC);
    private static final Map<Purpose, Notice> NOTICES = Map.of(
            Purpose.MEMBERSHIP, new Notice(Purpose.MEMBERSHIP, 1, Map.of("zh-CN", "t"), Instant.EPOCH, "s"),
            Purpose.MARKETING, new Notice(Purpose.MARKETING, 1, Map.of("zh-CN", "t"), Instant.EPOCH, "s"),
            Purpose.PERSONALISATION, new Notice(Purpose.PERSONALISATION, 1, Map.of("zh-CN", "t"), Instant.EPOCH, "s"));

    private static SignUpRequest request(LocalDate birthday) {
        return new SignUpRequest("n", "a@b.cn", null, "r", "web", null, birthday, null, "en",
                List.of(new SignUpRequest.ConsentDecision("membership", true, 1)), null);
    }

    @Test
    void fourteenthBirthdayInTheBusinessTimeZoneIsNoLongerAMinor() {
        var valid = SignUp.validate(request(LocalDate.parse("2012-11-22")), NOTICES, CLOCK, ZoneId.of("Asia/Shanghai"), 14);
        assertEquals(false, valid.minor());
        ProblemException inUtc = assertThrows(ProblemException.class,
                () -> SignUp.validate(request(LocalDate.parse("2012-11-22")), NOTICES, CLOCK, ZoneOffset.UTC, 14));
        assertEquals(422, inUtc.problem().status());
    }

    @Test
    void allFieldErrorsAreReportedTogether() {
        var bad = new SignUpRequest(" ", null, null, null, "fax", "!", null, null, "fr", null, null);
        ProblemException e = assertThrows(ProblemException.class, () -> SignUp.validate(bad, NOTICES, CLOCK, ZoneOffset.UTC, 14));
        List<String> fields = e.problem().errors().stream().map(f -> f.field()).toList();
        assertTrue(fields.containsAll(List.of("nickname", "region", "referralCode", "email", "channel", "locale", "consents")), fields.toString());
    }
}
