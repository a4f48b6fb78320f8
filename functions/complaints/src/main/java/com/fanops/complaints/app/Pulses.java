package com.fanops.complaints.app;

import com.fanops.complaints.domain.ComplaintIds;
import com.fanops.complaints.domain.Pulse;
import com.fanops.complaints.domain.PulseSample;
import com.fanops.complaints.store.PulseLinks;
import com.fanops.complaints.store.PulseStore;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import com.fanops.platform.log.Log;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The community satisfaction pulse: operators start one (a sample size, a question, how many days it stays open); the
 * sweep draws the sample - uniform among admitted community members, seeded with the pulse id - writes an invitation per
 * sampled member and asks messaging for one {@code pulse_survey} message each (marketing: messaging sends it only with
 * marketing consent, within caps and outside quiet hours); a member answers once through their private link (1-5 and a
 * comment, encrypted), counted on the pulse and its business day in the answer's transaction.
 */
public final class Pulses {

    public static final String KIND = "pulse_survey";
    private static final Log LOG = Log.get(Pulses.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The members a sample is drawn from: admitted community members (members' {@code AdmittedMembers}). */
    public interface Population {
        void forEach(Consumer<String> memberIds);
    }

    /** An operator's start: {@code sampleSize} 1-10000, {@code question} (both languages) optional, {@code closesInDays} 1-30. */
    public record Start(Integer sampleSize, Pulse.Question question, Integer closesInDays) {
    }

    public record Answer(Integer score, String comment) {
    }

    /** What a sweep did: pulses drawn, members sampled, messages asked for. */
    public record Run(int pulses, long sampled, long requested) {
    }

    private final PulseStore store;
    private final FieldCipher cipher;
    private final PulseLinks links;
    private final TicketMessages.Outbound messages;
    private final Population population;
    private final ZoneId zone;
    private final Clock clock;

    /**
     * @param links      null in functions that make no link (the admin and public functions)
     * @param population null in functions that draw no sample
     */
    public Pulses(PulseStore store, FieldCipher cipher, PulseLinks links, TicketMessages.Outbound messages, Population population,
                  ZoneId zone, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.links = links;
        this.messages = messages;
        this.population = population;
        this.zone = zone;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ operators

    /**
     * Starts a pulse (drawn by the next sweep). With an {@code Idempotency-Key} the pulse id is derived from it and the
     * operator, so a retried start answers the same pulse; without one, every start is a new pulse.
     */
    public Pulse start(Start s, String actor, String idempotencyKey) {
        List<FieldError> errors = new ArrayList<>();
        if (s.sampleSize() == null || s.sampleSize() < 1 || s.sampleSize() > Pulse.MAX_SAMPLE) {
            errors.add(new FieldError("sampleSize", "must be a whole number from 1 to " + Pulse.MAX_SAMPLE));
        }
        if (s.closesInDays() != null && (s.closesInDays() < 1 || s.closesInDays() > Pulse.MAX_DAYS)) {
            errors.add(new FieldError("closesInDays", "must be a whole number of days from 1 to " + Pulse.MAX_DAYS));
        }
        Pulse.Question q = Pulse.Question.DEFAULT;
        if (s.question() != null) {
            q = new Pulse.Question(Text.line(errors, "question.zh-CN", s.question().zhCN(), Pulse.MAX_QUESTION, true),
                    Text.line(errors, "question.en", s.question().en(), Pulse.MAX_QUESTION, true));
        }
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            errors.add(new FieldError("Idempotency-Key", "1 to 128 printable ASCII characters"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        String pulseId = idempotencyKey == null ? "p_" + HexFormat.of().formatHex(randomBytes())
                : "p_" + ComplaintIds.sha256Hex("pulse\n" + actor + "\n" + idempotencyKey).substring(0, 24);
        Instant now = clock.instant();
        int days = s.closesInDays() == null ? Pulse.DEFAULT_DAYS : s.closesInDays();
        Pulse p = new Pulse(pulseId, q, s.sampleSize(), now, actor, now.plus(Duration.ofDays(days)), false, 0, 0, 0, 0, new long[6]);
        if (!store.create(p)) {
            return store.find(pulseId).orElseThrow();
        }
        return p;
    }

    public Pulse get(String pulseId) {
        return store.find(pulseId).orElseThrow(() -> ProblemException.notFound("Pulse " + pulseId));
    }

    public PulseStore.Page list(String cursor, int limit) {
        return store.list(cursor, limit);
    }

    /** A pulse for operators: its state, sample, requests, answers, response rate, score and the spread of scores. */
    public Map<String, Object> view(Pulse p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pulseId", p.pulseId());
        out.put("status", p.status(clock.instant()).key());
        out.put("question", p.question());
        out.put("sampleSize", p.sampleSize());
        out.put("createdAt", p.createdAt().toString());
        out.put("closesAt", p.closesAt().toString());
        out.put("sampled", p.sampled());
        out.put("requested", p.requested());
        out.put("answered", p.answers());
        if (p.responseRate() != null) {
            out.put("responseRate", p.responseRate());
        }
        if (p.score() != null) {
            out.put("score", p.score());
        }
        Map<String, Long> by = new LinkedHashMap<>();
        for (int k = 1; k <= 5; k++) {
            by.put(String.valueOf(k), p.byScore()[k]);
        }
        out.put("distribution", by);
        return out;
    }

    // ------------------------------------------------------------------ the sampled member (private link)

    /** The pulse the link's token opens; an unknown pulse and a wrong token are the same 401. */
    public Pulse authorise(String pulseId, String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : null;
        boolean invited = token != null && ComplaintIds.TOKEN.matcher(token).matches()
                && store.invitation(pulseId, PulseLinks.hash(token)).isPresent();
        Pulse p = invited ? store.find(pulseId).orElse(null) : null;
        if (p == null) {
            throw new ProblemException(new Problem(Problem.BASE + "unauthorized", "Authentication required", 401,
                    "Open the private link from your invitation: it carries your token.", null, null,
                    List.of(new FieldError("authorization", "the token does not match this pulse"))));
        }
        return p;
    }

    /** What the pulse page shows: the question, until when it is open, whether this link answered already. */
    public Map<String, Object> forMember(String pulseId, String authorization) {
        Pulse p = authorise(pulseId, authorization);
        String hash = PulseLinks.hash(authorization.substring(7).trim());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pulseId", p.pulseId());
        out.put("question", p.question());
        out.put("status", p.status(clock.instant()).key());
        out.put("closesAt", p.closesAt().toString());
        out.put("answered", store.invitation(pulseId, hash).map(i -> i.answeredAt() != null).orElse(false));
        return out;
    }

    /** Records the answer: 400 per field, 409 {@code pulse-answered} the second time, 410 {@code pulse-closed} after closing. */
    public void answer(String pulseId, String authorization, Answer a) {
        List<FieldError> errors = new ArrayList<>();
        if (a.score() == null || a.score() < 1 || a.score() > 5) {
            errors.add(new FieldError("score", "must be a whole number from 1 to 5"));
        }
        String comment = Text.multiLine(errors, "comment", a.comment(), Pulse.MAX_COMMENT, false);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Pulse p = authorise(pulseId, authorization);
        String hash = PulseLinks.hash(authorization.substring(7).trim());
        Instant at = clock.instant();
        if (p.status(at) == Pulse.Status.CLOSED) {
            throw closed();
        }
        try {
            store.answer(pulseId, hash, a.score(), cipher.encrypt(pulseId, "pulseComment:" + hash, comment), at, at.atZone(zone).toLocalDate());
        } catch (PulseStore.Answered answered) {
            throw ProblemException.conflict("pulse-answered", "Already answered", "This link's answer was recorded already.");
        } catch (PulseStore.NotOpen notOpen) {
            if (store.find(pulseId).map(x -> x.status(clock.instant()) == Pulse.Status.CLOSED).orElse(true)) {
                throw closed();
            }
            throw ProblemException.conflict("pulse-not-open", "Not open yet", "The pulse opens in a moment: try again shortly.");
        }
    }

    private static ProblemException closed() {
        return new ProblemException(new Problem(Problem.BASE + "pulse-closed", "Pulse closed", 410, "This pulse is closed.", null, null,
                null));
    }

    // ------------------------------------------------------------------ the sweep

    /**
     * Draws every pending pulse: the sample (the same members for the same pulse and population), an invitation each,
     * one message request each (messaging makes one message per member and cause however often it is asked), then the
     * pulse opens. A rerun after a crash before opening draws again from the population of its own time.
     */
    public Run drawPending(Instant at) {
        int pulses = 0;
        long sampled = 0;
        long requested = 0;
        for (Pulse p : store.pending()) {
            if (p.status(at) == Pulse.Status.CLOSED) {
                store.requested(p.pulseId(), p.requested());
                continue;
            }
            PulseSample sample = new PulseSample(p.pulseId(), p.sampleSize());
            population.forEach(sample::offer);
            List<String> members = sample.members();
            Map<String, String> tokens = new LinkedHashMap<>();
            for (String m : members) {
                tokens.put(m, links.token(p.pulseId(), m));
            }
            store.invite(p.pulseId(), tokens.values().stream().map(PulseLinks::hash).toList(), at);
            for (Map.Entry<String, String> e : tokens.entrySet()) {
                messages.request(new TicketMessages(e.getKey(), null, KIND, "pulse:" + p.pulseId(),
                        Map.of("pulseUrl", links.page(p.pulseId(), e.getValue()))));
            }
            store.drawn(p.pulseId(), members.size());
            store.requested(p.pulseId(), members.size());
            LOG.info("pulse drawn", "pulseId", p.pulseId(), "population", sample.population(), "sampled", members.size());
            pulses++;
            sampled += members.size();
            requested += members.size();
        }
        return new Run(pulses, sampled, requested);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }
}
