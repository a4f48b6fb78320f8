package com.fanops.activities.app;

import com.fanops.activities.domain.Activity;
import com.fanops.activities.domain.SurveyLinks;
import com.fanops.activities.store.ActivityStore;
import com.fanops.activities.store.RegistrationStore;
import com.fanops.activities.store.SurveyStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The post-activity survey: a participant (a member checked in) scores the activity 1-5 with an optional comment, once,
 * from the activity's end until 30 days after. Refusals name the field or the reason; nothing is written then. The
 * comment is free text a member may put anything personal in: it is stored only field-encrypted, bound to the activity
 * and the member ({@link #comment} reads it back).
 */
public final class Surveys {

    public static final Duration OPEN_FOR = Duration.ofDays(30);
    public static final int MAX_COMMENT = 500;

    private final ActivityStore activities;
    private final RegistrationStore registrations;
    private final SurveyStore store;
    private final FieldCipher cipher;
    private final Clock clock;

    public Surveys(ActivityStore activities, RegistrationStore registrations, SurveyStore store, FieldCipher cipher, Clock clock) {
        this.activities = activities;
        this.registrations = registrations;
        this.store = store;
        this.cipher = cipher;
        this.clock = clock;
    }

    private static String field(String memberId) {
        return "surveyComment:" + memberId;
    }

    public SurveyStore.Answer answer(String memberId, String activityId, Integer score, String comment) {
        List<FieldError> errors = new ArrayList<>();
        if (score == null || score < 1 || score > 5) {
            errors.add(new FieldError("score", "a whole number from 1 to 5"));
        }
        String clean = Text.multiLine(errors, "comment", comment, MAX_COMMENT, false);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Activity a = activities.get(activityId).map(ActivityStore.Stored::activity)
                .orElseThrow(() -> ProblemException.notFound("Activity " + activityId));
        Instant now = clock.instant();
        if (now.isBefore(a.endsAt())) {
            throw ProblemException.conflict("survey-not-open", "Not yet", "The survey opens when the activity ends, at " + a.endsAt() + ".");
        }
        if (now.isAfter(a.endsAt().plus(OPEN_FOR))) {
            throw ProblemException.conflict("survey-closed", "Survey closed", "The survey was open for 30 days after the activity.");
        }
        boolean participant = registrations.get(activityId, memberId)
                .filter(r -> r.status() == RegistrationStore.Status.REGISTERED && r.checkedIn()).isPresent();
        if (!participant) {
            throw ProblemException.forbidden("Only a member who took part (checked in) can answer this survey.");
        }
        String commentEnc = clean == null || clean.isEmpty() ? null : cipher.encrypt(activityId, field(memberId), clean);
        SurveyStore.Answer answer = new SurveyStore.Answer(activityId, memberId, score, commentEnc, now);
        if (!store.put(answer)) {
            throw ProblemException.conflict("already", "Already answered", "You already answered this survey; thank you.");
        }
        return answer;
    }

    /**
     * An answer through the survey link the job sent ({@link SurveyLinks}): the link's token names and proves the member,
     * so no member token is needed. An unknown or unpublished activity is 404; a token that is malformed, forged, another
     * member's or another activity's is one and the same 403, which says nothing about who exists. Then as {@link #answer}.
     */
    public SurveyStore.Answer answerByLink(String activityId, String token, Integer score, String comment) {
        ActivityStore.Stored stored = activities.get(activityId).filter(s -> s.checkInKey() != null)
                .orElseThrow(() -> ProblemException.notFound("Activity " + activityId));
        String memberId = new SurveyLinks(stored.checkInKey()).memberOf(activityId, token)
                .orElseThrow(() -> ProblemException.forbidden("This survey link is not valid. Use the link in the message you received."));
        return answer(memberId, activityId, score, comment);
    }

    /** An answer's comment in plain text, or null when it has none. */
    public String comment(SurveyStore.Answer a) {
        return a.commentEnc() == null ? null : cipher.decrypt(a.activityId(), field(a.memberId()), a.commentEnc());
    }

    /** The scores given so far (for the evaluation's satisfaction). */
    public List<Integer> scores(String activityId) {
        return store.scores(activityId);
    }
}
