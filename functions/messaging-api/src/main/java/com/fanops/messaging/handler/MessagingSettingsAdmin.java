package com.fanops.messaging.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.domain.MemberIds;
import com.fanops.members.domain.MemberProfile;
import com.fanops.members.store.MemberStore;
import com.fanops.messaging.domain.MessageKind;
import com.fanops.messaging.domain.MessageTemplate;
import com.fanops.messaging.domain.MessageTemplates;
import com.fanops.messaging.domain.SendingPolicy;
import com.fanops.messaging.domain.TemplatePreview;
import com.fanops.messaging.store.MessagingSettings;
import com.fanops.messaging.store.WebhookSecrets;
import com.fanops.platform.audit.AuditLog;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.json.Json;
import com.fanops.platform.settings.SettingsValue;
import com.fanops.platform.settings.SettingsVersion;
import com.fanops.platform.settings.VersionedSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messaging settings operators change: the templates (admins and managers, who write the texts), with a preview
 * of any kind in any locale; the sending policy (read by both, changed by admins only); and the webhook's signing secret
 * (admins: made here, shown once, never again). Both settings are versioned: {@code basedOn} is checked (409 when stale),
 * every change is audited.
 */
final class MessagingSettingsAdmin {

    public record TemplatesChange(Integer basedOn, MessageTemplates templates) {
    }

    public record PolicyChange(Integer basedOn, SendingPolicy policy) {
    }

    /** A preview: the kind and locale, optionally a template not saved yet and a member whose nickname to use. */
    public record PreviewRequest(String kind, String locale, MessageTemplate template, String memberId) {
    }

    private static final Role[] EDITORS = {Role.ADMIN, Role.MANAGER};
    /** Every kind in both locales, subjects and bodies at their longest, in three-byte characters. */
    private static final int MAX_TEMPLATES_BODY = 512 * 1024;
    private static final int MAX_BODY = 32 * 1024;

    private final MessagingSettings settings;
    private final WebhookSecrets secrets;
    private final MemberStore members;
    private final FieldCipher cipher;
    private final AuditLog audit;

    MessagingSettingsAdmin(MessagingSettings settings, WebhookSecrets secrets, MemberStore members, FieldCipher cipher, AuditLog audit) {
        this.settings = settings;
        this.secrets = secrets;
        this.members = members;
        this.cipher = cipher;
        this.audit = audit;
    }

    APIGatewayV2HTTPResponse templates(ApiRequest req) {
        req.caller().requireAny(EDITORS);
        return ApiResponse.json(200, templatesView(settings.templates().currentVersion()));
    }

    APIGatewayV2HTTPResponse changeTemplates(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDITORS);
        TemplatesChange body = req.bodyAs(TemplatesChange.class, MAX_TEMPLATES_BODY);
        SettingsVersion<MessageTemplates> saved = settings.templates().change(body.templates(), body.basedOn(), caller.username());
        audit.record(caller.username(), "messaging.templates.change", "v" + saved.version(), null);
        return ApiResponse.created("/v1/admin/messaging/templates", templatesView(saved));
    }

    APIGatewayV2HTTPResponse templatesHistory(ApiRequest req) {
        req.caller().requireAny(EDITORS);
        return history(req, settings.templates(), "templates");
    }

    /** The message a template makes, with sample values; a template given here is checked as a saved one would be. */
    APIGatewayV2HTTPResponse preview(ApiRequest req) {
        req.caller().requireAny(EDITORS);
        PreviewRequest body = req.bodyAs(PreviewRequest.class, MAX_BODY);
        List<FieldError> errors = new ArrayList<>();
        MessageKind kind = body.kind() == null ? null : MessageKind.of(body.kind()).orElse(null);
        if (kind == null) {
            errors.add(new FieldError("kind", "must be one of " + String.join(", ", MessageKind.keys())));
        }
        String locale = body.locale();
        if (locale == null || !MessageTemplates.LOCALES.contains(locale)) {
            errors.add(new FieldError("locale", "must be one of " + String.join(", ", MessageTemplates.LOCALES)));
        }
        if (body.memberId() != null && (body.memberId().length() > ApiRequest.MAX_PARAM || !MemberIds.MEMBER.matcher(body.memberId()).matches())) {
            errors.add(new FieldError("memberId", "a member id (m_...)"));
        }
        if (errors.isEmpty() && body.template() != null) {
            errors.addAll(TemplatePreview.problems(kind, locale, body.template()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        MessageTemplate template = body.template() != null ? body.template() : settings.templates().current().of(kind, locale);
        String nickname = body.memberId() == null ? null : nickname(body.memberId());
        return ApiResponse.json(200, TemplatePreview.of(kind, locale, template, nickname));
    }

    APIGatewayV2HTTPResponse policy(ApiRequest req) {
        req.caller().requireAny(EDITORS);
        return ApiResponse.json(200, nested(settings.policy().currentVersion(), "policy"));
    }

    APIGatewayV2HTTPResponse changePolicy(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        PolicyChange body = req.bodyAs(PolicyChange.class, MAX_BODY);
        SettingsVersion<SendingPolicy> saved = settings.policy().change(body.policy(), body.basedOn(), caller.username());
        audit.record(caller.username(), "messaging.policy.change", "v" + saved.version(), null);
        return ApiResponse.created("/v1/admin/messaging/policy", nested(saved, "policy"));
    }

    APIGatewayV2HTTPResponse policyHistory(ApiRequest req) {
        req.caller().requireAny(EDITORS);
        return history(req, settings.policy(), "policy");
    }

    /** Makes a new secret (the old one stops signing at once) and shows it this once; the audit names no secret. */
    APIGatewayV2HTTPResponse createWebhookSecret(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        WebhookSecrets.Created created = secrets.create(caller.username());
        audit.record(caller.username(), "messaging.webhook-secret.create", "webhook", null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("secret", created.secret());
        out.put("createdAt", created.createdAt().toString());
        return ApiResponse.created("/v1/admin/messaging/webhook-secret", out);
    }

    APIGatewayV2HTTPResponse webhookSecret(ApiRequest req) {
        req.caller().requireAny(Role.ADMIN);
        return ApiResponse.json(200, Map.of("createdAt", secrets.createdAt()
                .orElseThrow(() -> ProblemException.notFound("A webhook secret")).toString()));
    }

    private static <T extends SettingsValue<T>> APIGatewayV2HTTPResponse history(ApiRequest req,
            VersionedSettings<T> versions, String field) {
        VersionedSettings.Page<T> page = versions.history(req.queryCursor("cursor"),
                req.queryInt("limit", 1, VersionedSettings.MAX_PAGE, VersionedSettings.DEFAULT_PAGE));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(v -> nested(v, field)).toList());
        out.put("next", page.next());
        return ApiResponse.json(200, out);
    }

    /** The version's fields, with the value under its request field (the shape a change is sent in). */
    private static ObjectNode nested(SettingsVersion<?> v, String field) {
        return new SettingsVersion<>(v.version(), v.basedOn(), v.changedBy(), v.changedAt(), Map.of(field, v.value())).json();
    }

    private static ObjectNode templatesView(SettingsVersion<MessageTemplates> v) {
        ObjectNode out = nested(v, "templates");
        List<Map<String, Object>> kinds = Arrays.stream(MessageKind.values()).map(k -> {
            Map<String, Object> kind = new LinkedHashMap<>();
            kind.put("kind", k.key());
            kind.put("purpose", k.purpose().key());
            kind.put("placeholders", List.copyOf(k.placeholders().keySet()));
            return kind;
        }).toList();
        out.set("kinds", Json.mapper().valueToTree(kinds));
        return out;
    }

    /** The member's nickname (empty once erased); only editors preview, and they may see it. */
    private String nickname(String memberId) {
        MemberProfile p = members.profile(memberId).orElseThrow(() -> ProblemException.notFound("Member"));
        return p.nicknameEnc() == null ? "" : cipher.decrypt(p.memberId(), "nickname", p.nicknameEnc());
    }
}
