package com.fanops.members.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a sign-up, pure: collect only what the purpose needs, one contact, a decision per purpose
 * against the current notice, membership granted, guardian consent under the minimum age (PIPL: 14).
 */
public final class SignUp {

    public static final Set<String> LOCALES = Set.of("zh-CN", "en");

    /** A request that passed every rule, with its texts clean (NFC, stripped) and the contact normalised. */
    public record Valid(SignUpRequest request, String nickname, String region, List<String> interests, Contact contact,
                        Channel channel, String locale, Map<Purpose, SignUpRequest.ConsentDecision> decisions,
                        Guardian guardian, boolean minor) {
    }

    /** A minor's guardian as checked: name clean, contact normalised. */
    public record Guardian(String name, Contact contact) {
    }

    private SignUp() {
    }

    public static Valid validate(SignUpRequest r, Map<Purpose, Notice> current, Clock clock, ZoneId zone, int minorAge) {
        List<FieldError> errors = new ArrayList<>();
        String nickname = MemberFields.nickname(errors, "nickname", r.nickname(), true);
        String region = MemberFields.region(errors, "region", r.region(), true);
        if (r.referralCode() != null && !r.referralCode().matches("[A-Za-z0-9-]{4,32}")) {
            errors.add(new FieldError("referralCode", "must be 4-32 letters, digits or dashes"));
        }
        Contact contact = contact(errors, "", r.email(), r.phone(), true);
        Channel channel = null;
        if (r.channel() == null) {
            errors.add(new FieldError("channel", "is required"));
        } else {
            channel = Channel.of(r.channel()).orElse(null);
            if (channel == null || channel == Channel.IMPORT) {
                errors.add(new FieldError("channel", "must be one of web, wechat, weibo, douyin, store, event"));
            }
        }
        String locale = r.locale() == null ? Notice.DEFAULT_LOCALE : r.locale();
        if (!LOCALES.contains(locale)) {
            errors.add(new FieldError("locale", "must be zh-CN or en"));
        }
        List<String> interests = MemberFields.interests(errors, "interests", r.interests());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate birthday = MemberFields.birthday(errors, "birthday", r.birthday(), today);
        boolean minor = birthday != null && Period.between(birthday, today).getYears() < minorAge;
        Map<Purpose, SignUpRequest.ConsentDecision> decisions = decisions(errors, r.consents());
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        SignUpRequest.ConsentDecision membership = decisions.get(Purpose.MEMBERSHIP);
        if (membership == null || !Boolean.TRUE.equals(membership.granted())) {
            throw new ProblemException(new Problem(Problem.BASE + "membership-consent-required", "Membership terms not accepted",
                    422, "Joining needs consent to the membership terms.", null, null,
                    List.of(new FieldError("consents", "membership must be granted"))));
        }
        checkVersions(decisions, current);
        Guardian guardian = null;
        if (minor) {
            guardian = guardian(r.guardian(), minorAge);
        } else if (r.guardian() != null) {
            throw ProblemException.invalidField("guardian", "is only for members under " + minorAge);
        }
        return new Valid(r, nickname, region, interests, contact, channel, locale, decisions, guardian, minor);
    }

    /** Exactly one of e-mail or phone, valid after normalisation. */
    public static Contact contact(List<FieldError> errors, String prefix, String email, String phone, boolean required) {
        if (email != null && phone != null) {
            errors.add(new FieldError(prefix + "email", "give either email or phone, not both"));
            return null;
        }
        if (email == null && phone == null) {
            if (required) {
                errors.add(new FieldError(prefix + "email", "email or phone is required"));
            }
            return null;
        }
        Contact contact = email != null ? Contact.email(email) : Contact.phone(phone);
        if (contact == null) {
            errors.add(new FieldError(prefix + (email != null ? "email" : "phone"), email != null ? "is not a valid e-mail address"
                    : "is not a valid phone number (E.164, or a mainland China mobile number)"));
        }
        return contact;
    }

    private static Map<Purpose, SignUpRequest.ConsentDecision> decisions(List<FieldError> errors,
                                                                          List<SignUpRequest.ConsentDecision> consents) {
        Map<Purpose, SignUpRequest.ConsentDecision> out = new EnumMap<>(Purpose.class);
        if (consents == null || consents.isEmpty()) {
            errors.add(new FieldError("consents", "one decision per purpose is required"));
            return out;
        }
        for (int i = 0; i < consents.size(); i++) {
            SignUpRequest.ConsentDecision d = consents.get(i);
            String at = "consents[" + i + "]";
            if (d == null) {
                errors.add(new FieldError(at, "is required"));
                continue;
            }
            Purpose purpose = d.purpose() == null ? null : Purpose.of(d.purpose()).orElse(null);
            if (purpose == null) {
                errors.add(new FieldError(at + ".purpose", "must be one of membership, marketing, personalisation"));
            } else if (out.put(purpose, d) != null) {
                errors.add(new FieldError(at + ".purpose", "appears twice"));
            }
            if (d.granted() == null) {
                errors.add(new FieldError(at + ".granted", "is required"));
            }
            if (d.noticeVersion() == null || d.noticeVersion() < 1) {
                errors.add(new FieldError(at + ".noticeVersion", "is required"));
            }
        }
        return out;
    }

    /** A decision must name the notice the form showed; an older one means the form is stale. */
    public static void checkVersions(Map<Purpose, SignUpRequest.ConsentDecision> decisions, Map<Purpose, Notice> current) {
        for (Map.Entry<Purpose, SignUpRequest.ConsentDecision> d : decisions.entrySet()) {
            Notice notice = current.get(d.getKey());
            int version = d.getValue().noticeVersion();
            if (notice == null || version > notice.version()) {
                throw new ProblemException(new Problem(Problem.BASE + "unknown-notice-version", "Unknown notice version", 400,
                        "There is no version " + version + " of the " + d.getKey().key() + " notice.", null, null,
                        List.of(new FieldError("consents." + d.getKey().key() + ".noticeVersion", "unknown version"))));
            }
            if (version < notice.version()) {
                throw new ProblemException(new Problem(Problem.BASE + "outdated-notice", "The notice has changed", 409,
                        "The " + d.getKey().key() + " notice is now version " + notice.version() + "; show it and ask again.",
                        null, null, List.of(new FieldError("consents." + d.getKey().key() + ".noticeVersion",
                        "outdated, current is " + notice.version()))));
            }
        }
    }

    private static Guardian guardian(SignUpRequest.Guardian g, int minorAge) {
        if (g == null || !Boolean.TRUE.equals(g.consent())) {
            throw new ProblemException(new Problem(Problem.BASE + "guardian-consent-required", "Guardian consent required", 422,
                    "Members under " + minorAge + " can join only with a parent's or guardian's consent.", null, null,
                    List.of(new FieldError("guardian", "a guardian's consent is required under " + minorAge))));
        }
        List<FieldError> errors = new ArrayList<>();
        String name = MemberFields.guardianName(errors, "guardian.name", g.name());
        Contact contact = contact(errors, "guardian.", g.email(), g.phone(), true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new Guardian(name, contact);
    }
}
