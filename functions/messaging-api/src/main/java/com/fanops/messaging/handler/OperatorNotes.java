package com.fanops.messaging.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.domain.MemberIds;
import com.fanops.members.store.MemberStore;
import com.fanops.messaging.domain.MessageKind;
import com.fanops.messaging.domain.MessageRequest;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A service message an operator writes from a member's record: an {@code operator_note} request on the message-requests
 * queue, sent like every other message (the membership consent and status checked by the sender at send time). The
 * audit names the operator and the member, never the text.
 */
final class OperatorNotes {

    /** Agents answer members' questions too: they may write, as managers and admins. */
    private static final Role[] WRITERS = {Role.ADMIN, Role.MANAGER, Role.AGENT};
    static final String KIND = "operator_note";

    record Note(String text) {
    }

    private final MemberStore members;
    private final Consumer<MessageRequest> queue;
    private final AuditLog audit;
    private final Clock clock;

    OperatorNotes(MemberStore members, Consumer<MessageRequest> queue, AuditLog audit, Clock clock) {
        this.members = members;
        this.queue = queue;
        this.audit = audit;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse send(ApiRequest req) {
        Caller caller = req.caller().requireAny(WRITERS);
        String memberId = req.pathParam("memberId", MemberIds.MEMBER);
        Note note = req.bodyAs(Note.class, 8 * 1024);
        List<FieldError> errors = new ArrayList<>();
        int longest = MessageKind.of(KIND).orElseThrow().placeholders().get("text");
        String text = Text.multiLine(errors, "text", note.text(), longest, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (members.profile(memberId).isEmpty()) {
            throw ProblemException.notFound("Member");
        }
        // Each note is its own cause: two notes are two messages, one note queued twice is one.
        String cause = "note:" + UUID.randomUUID();
        MessageRequest request = new MessageRequest(memberId, KIND, cause, Map.of("text", text), clock.instant());
        queue.accept(request);
        audit.record(caller.username(), "messages.operator_note", memberId, null);
        return ApiResponse.json(202, Map.of("memberId", memberId, "messageId", request.messageId()));
    }
}
