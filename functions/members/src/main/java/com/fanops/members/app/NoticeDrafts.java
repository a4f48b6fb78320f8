package com.fanops.members.app;

import com.fanops.members.domain.Notice;
import com.fanops.members.domain.Purpose;
import com.fanops.members.domain.SignUp;
import com.fanops.members.store.GrantCounters;
import com.fanops.members.store.NoticeDraftStore;
import com.fanops.members.store.NoticeStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Preparing a notice before it is published: one saved draft per purpose (left and resumed), and how many members the
 * publish would ask to consent again - those whose current decision grants an older version, read from the grant
 * counters, never from the members.
 */
public final class NoticeDrafts {

    private final NoticeStore notices;
    private final NoticeDraftStore drafts;
    private final GrantCounters counters;
    private final AuditLog audit;
    private final Clock clock;

    public NoticeDrafts(NoticeStore notices, NoticeDraftStore drafts, GrantCounters counters, AuditLog audit, Clock clock) {
        this.notices = notices;
        this.drafts = drafts;
        this.counters = counters;
        this.audit = audit;
        this.clock = clock;
    }

    public static Purpose purpose(String key) {
        return Purpose.of(key).orElseThrow(() -> ProblemException.invalidField("purpose", "must be one of membership, marketing, personalisation"));
    }

    /** The draft (or null), the version in force and the publish's reach. */
    public Map<String, Object> read(String actor, Purpose purpose) {
        Map<String, Object> out = impact(purpose);
        out.put("draft", drafts.find(purpose).orElse(null));
        audit.record(actor, "notices.draft.read", purpose.key(), null);
        return out;
    }

    public NoticeDraftStore.Draft save(String actor, Purpose purpose, Map<String, String> texts) {
        if (texts == null || !texts.keySet().equals(SignUp.LOCALES)) {
            throw ProblemException.invalidField("texts", "give the text in zh-CN and en");
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> clean = new TreeMap<>();
        texts.forEach((locale, text) -> clean.put(locale, Text.multiLine(errors, "texts." + locale, text, Notice.MAX_TEXT, true)));
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        var draft = new NoticeDraftStore.Draft(purpose, clean, notices.current().get(purpose).version(), actor, clock.instant());
        drafts.save(draft);
        audit.record(actor, "notices.draft.save", purpose.key(), null);
        return draft;
    }

    public void discard(String actor, Purpose purpose) {
        if (drafts.discard(purpose)) {
            audit.record(actor, "notices.draft.discard", purpose.key(), null);
        }
    }

    /**
     * Publishing version n+1 asks again every member whose current decision grants a version up to n (MemberReactions
     * flags exactly them): the sum of the counters, by version as well.
     */
    public Map<String, Object> impact(Purpose purpose) {
        int current = notices.current().get(purpose).version();
        Map<Integer, Long> byVersion = counters.current(purpose);
        long asked = byVersion.entrySet().stream().filter(e -> e.getKey() <= current).mapToLong(Map.Entry::getValue).sum();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("purpose", purpose.key());
        out.put("currentVersion", current);
        out.put("askedAgain", asked);
        out.put("grantsByVersion", byVersion);
        return out;
    }
}
