package com.fanops.members.app;

import com.fanops.members.domain.Notice;
import com.fanops.members.domain.NoticePublished;
import com.fanops.members.domain.Purpose;
import com.fanops.members.domain.SignUp;
import com.fanops.members.store.MemberStore;
import com.fanops.members.store.NoticeStore;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.events.EventOutbox;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/** Publishing a new version of a notice, announced by {@code NoticePublished} in the same transaction. */
public final class NoticeService {

    private final NoticeStore notices;
    private final EventOutbox outbox;
    private final AuditLog audit;

    public NoticeService(NoticeStore notices, EventOutbox outbox, AuditLog audit) {
        this.notices = notices;
        this.outbox = outbox;
        this.audit = audit;
    }

    public Map<Purpose, Notice> current() {
        return notices.current();
    }

    public Notice publish(String actor, String purposeKey, Map<String, String> texts) {
        Purpose purpose = purposeKey == null ? null : Purpose.of(purposeKey).orElse(null);
        if (purpose == null) {
            throw ProblemException.invalidField("purpose", "must be one of membership, marketing, personalisation");
        }
        if (texts == null || !texts.keySet().equals(SignUp.LOCALES)) {
            throw ProblemException.invalidField("texts", "give the text in zh-CN and en");
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> clean = new TreeMap<>();
        texts.forEach((locale, text) -> clean.put(locale, Text.multiLine(errors, "texts." + locale, text, Notice.MAX_TEXT, true)));
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Notice published = notices.next(purpose, clean, actor);
        var staged = List.of(outbox.stage(SignUpService.SOURCE, new NoticePublished(purpose.key(), published.version(),
                published.publishedAt())));
        try {
            notices.publish(published, outbox.writes(staged));
        } catch (MemberStore.ConcurrentChangeException e) {
            throw ProblemException.conflict("concurrent-change", "Published meanwhile", "Another version was just published; reload.");
        }
        outbox.flush(staged);
        audit.record(actor, "notices.publish", purpose.key() + "#" + published.version(), null);
        return published;
    }
}
