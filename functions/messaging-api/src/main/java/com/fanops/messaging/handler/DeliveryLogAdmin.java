package com.fanops.messaging.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.domain.MemberIds;
import com.fanops.members.store.MemberStore;
import com.fanops.messaging.domain.DeliveryStats;
import com.fanops.messaging.domain.DeliveryStatus;
import com.fanops.messaging.domain.Message;
import com.fanops.messaging.domain.MessageKind;
import com.fanops.messaging.store.DeliveryLog;
import com.fanops.messaging.store.Suppressions;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What was sent, to whom and why: the log of a day (analysts too, without member ids or causes, which may name one), a
 * member's messages with their history and the consent each relied on, one message with its decrypted text (admins and
 * managers; agents see the metadata), the suppression list and the day's figures.
 */
final class DeliveryLogAdmin {

    private static final Role[] LOG_READERS = {Role.ADMIN, Role.MANAGER, Role.AGENT, Role.ANALYST};
    private static final Role[] MEMBER_READERS = {Role.ADMIN, Role.MANAGER, Role.AGENT};
    private static final Role[] EDITORS = {Role.ADMIN, Role.MANAGER};
    private static final Role[] FIGURE_READERS = {Role.ADMIN, Role.MANAGER, Role.ANALYST};
    static final List<String> CHANNELS = List.of("email", "sms", "webhook");
    static final List<String> STATUSES = Arrays.stream(DeliveryStatus.values()).map(DeliveryStatus::key).toList();
    /** No community on this platform sent messages before this day; earlier dates are mistakes, not queries. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    private final DeliveryLog log;
    private final Suppressions suppressions;
    private final MemberStore members;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final ZoneId zone;
    private final Clock clock;

    DeliveryLogAdmin(DeliveryLog log, Suppressions suppressions, MemberStore members, FieldCipher cipher, AuditLog audit, ZoneId zone,
                     Clock clock) {
        this.log = log;
        this.suppressions = suppressions;
        this.members = members;
        this.cipher = cipher;
        this.audit = audit;
        this.zone = zone;
        this.clock = clock;
    }

    APIGatewayV2HTTPResponse messages(ApiRequest req) {
        Caller caller = req.caller().requireAny(LOG_READERS);
        LocalDate day = day(req);
        String kind = req.queryOneOf("kind", MessageKind.keys());
        String status = req.queryOneOf("status", STATUSES);
        String channel = req.queryOneOf("channel", CHANNELS);
        String cursor = req.queryCursor("cursor");
        int limit = req.queryInt("limit", 1, MAX_PAGE, DEFAULT_PAGE);
        DeliveryLog.Page page = log.ofDay(day, kind, status, channel, cursor, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("day", day.toString());
        out.putAll(page(page, caller.seesPersonalData()));
        return ApiResponse.json(200, out);
    }

    APIGatewayV2HTTPResponse memberMessages(ApiRequest req) {
        req.caller().requireAny(MEMBER_READERS);
        String memberId = req.pathParam("memberId", MemberIds.MEMBER);
        String cursor = req.queryCursor("cursor");
        int limit = req.queryInt("limit", 1, MAX_PAGE, DEFAULT_PAGE);
        if (members.profile(memberId).isEmpty()) {
            throw ProblemException.notFound("Member");
        }
        return ApiResponse.json(200, page(log.ofMember(memberId, cursor, limit), true));
    }

    /** Content is null when nothing was sent or the member's erasure removed it; agents get no content field at all. */
    APIGatewayV2HTTPResponse message(ApiRequest req) {
        Caller caller = req.caller().requireAny(MEMBER_READERS);
        String messageId = req.pathParam("messageId", Message.ID);
        Message m = log.find(messageId).orElseThrow(() -> ProblemException.notFound("Message"));
        ObjectNode out = Json.mapper().valueToTree(view(m, true));
        if (caller.has(Role.ADMIN) || caller.has(Role.MANAGER)) {
            Optional<String[]> held = log.content(messageId);
            if (held.isEmpty()) {
                out.putNull("content");
            } else {
                out.putObject("content").put("subject", cipher.decrypt(messageId, "subject", held.get()[0]))
                        .put("body", cipher.decrypt(messageId, "body", held.get()[1]));
            }
        }
        return ApiResponse.json(200, out);
    }

    APIGatewayV2HTTPResponse suppressions(ApiRequest req) {
        req.caller().requireAny(EDITORS);
        int limit = req.queryInt("limit", 1, MAX_PAGE, DEFAULT_PAGE);
        return ApiResponse.json(200, Map.of("items", suppressions.list(limit)));
    }

    /** An address back on the list of those that may be written to (the member fixed their mailbox). */
    APIGatewayV2HTTPResponse removeSuppression(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        String contactIndex = req.pathParam("contactIndex", Suppressions.CONTACT_INDEX);
        if (!suppressions.remove(contactIndex)) {
            throw ProblemException.notFound("A suppressed address with this index");
        }
        audit.record(caller.username(), "messaging.suppression.remove", contactIndex, null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("contactIndex", contactIndex);
        out.put("removed", true);
        return ApiResponse.json(200, out);
    }

    APIGatewayV2HTTPResponse stats(ApiRequest req) {
        req.caller().requireAny(FIGURE_READERS);
        LocalDate day = day(req);
        return ApiResponse.json(200, DeliveryStats.of(day, log.stats(day)));
    }

    /** The business day asked for ({@code day}, YYYY-MM-DD), today's by default; at most tomorrow's. */
    private LocalDate day(ApiRequest req) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        return req.queryDate("day", EARLIEST, today.plusDays(1), today);
    }

    private static Map<String, Object> page(DeliveryLog.Page page, boolean personal) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(m -> view(m, personal)).toList());
        out.put("next", page.next());
        return out;
    }

    /** A log line as operators see it; without the member id and the cause (which may name one) for analysts. */
    private static Map<String, Object> view(Message m, boolean personal) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("messageId", m.messageId());
        if (personal) {
            out.put("memberId", m.memberId());
        }
        out.put("kind", m.kind());
        out.put("purpose", MessageKind.of(m.kind()).map(k -> k.purpose().key()).orElse(null));
        if (personal) {
            out.put("cause", m.cause());
        }
        out.put("day", m.day().toString());
        out.put("status", m.status().key());
        out.put("reason", m.reason());
        out.put("channel", m.channel());
        out.put("templateVersion", m.templateVersion());
        out.put("locale", m.locale());
        out.put("basis", m.basis());
        out.put("requestedAt", m.requestedAt());
        out.put("deferredUntil", m.deferredUntil());
        out.put("sentAt", m.sentAt());
        out.put("updatedAt", m.updatedAt());
        out.put("history", m.history());
        return out;
    }
}
