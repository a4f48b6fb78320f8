package com.fanops.rewards.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.domain.MemberIds;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.ProblemException;
import com.fanops.rewards.app.IssuanceService;
import com.fanops.rewards.app.Redemptions;
import com.fanops.rewards.app.Rewards;
import com.fanops.rewards.domain.CallbackSignature;
import com.fanops.rewards.domain.Catalogue;
import com.fanops.rewards.domain.CatalogueItem;
import com.fanops.rewards.domain.Issuance;
import com.fanops.rewards.domain.IssuanceStatus;
import com.fanops.rewards.domain.MemberSnapshot;
import com.fanops.rewards.domain.RewardIds;
import com.fanops.rewards.domain.RewardType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewards for members and fulfilment partners: a member redeems points for an item ({@code Authorization: Bearer} with the
 * member token from sign-up and an {@code Idempotency-Key}) and reads their own rewards, badges, certificates and what they
 * can redeem; a fulfilment integration reports a gift shipped or a red packet paid (or failed) with a signed callback.
 */
public final class PublicRewardsHandler extends ApiHandler {

    private static final int MAX_BODY = 4 * 1024;

    public record Redemption(String itemId) {
    }

    public record Report(String status, String reason) {
    }

    private final Rewards rewards;
    private final String fulfilmentSecret;

    public PublicRewardsHandler() {
        this(Rewards.fromEnvironment(Duration.ofSeconds(30)), Env.optional("FULFILMENT_SECRET", ""));
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    public PublicRewardsHandler(Rewards rewards, String fulfilmentSecret) {
        this.rewards = rewards;
        this.fulfilmentSecret = fulfilmentSecret;
        route("POST /v1/members/{memberId}/redemptions", this::redeem);
        route("GET /v1/members/{memberId}/rewards", this::own);
        route("POST /v1/rewards/fulfilment/{issuanceId}", this::fulfilment);
    }

    private MemberSnapshot member(ApiRequest req) {
        return rewards.lookup.authorise(req.pathParam("memberId", MemberIds.MEMBER), req.header("authorization"));
    }

    private APIGatewayV2HTTPResponse redeem(ApiRequest req) {
        MemberSnapshot member = member(req);
        String key = req.header("idempotency-key");
        Redemptions.checkKey(key);
        Redemption body = req.bodyAs(Redemption.class, MAX_BODY);
        if (body.itemId() == null || !RewardIds.SLUG.matcher(body.itemId()).matches()) {
            throw ProblemException.invalidField("itemId", "is required: a catalogue item id");
        }
        IssuanceService.Result result = rewards.redemptions.redeem(member, body.itemId(), key);
        Map<String, Object> out = view(result.issuance(), rewards.catalogue.current());
        out.put("balance", rewards.ledger.balance(member.memberId(), rewards.reports.today()));
        return result.repeated() ? ApiResponse.json(200, out)
                : ApiResponse.created("/v1/members/" + member.memberId() + "/rewards#" + result.issuance().issuanceId(), out);
    }

    /** The member's own page: rewards (newest first), badges and titles, certificates, the balance and what they can redeem now. */
    private APIGatewayV2HTTPResponse own(ApiRequest req) {
        MemberSnapshot member = member(req);
        Catalogue catalogue = rewards.catalogue.current();
        var page = rewards.reports.member(member.memberId(), req.queryCursor("cursor"), req.queryInt("limit", 1, 200, 50));
        List<Map<String, Object>> items = page.items().stream().map(i -> view(i, catalogue)).toList();
        LocalDate today = rewards.reports.today();
        long balance = rewards.ledger.balance(member.memberId(), today);
        Instant now = rewards.clock.instant();
        List<Map<String, Object>> redeemable = new ArrayList<>();
        for (CatalogueItem item : catalogue.items()) {
            if (item.redeemable() && item.shownAt(now) && item.openAt(now) && item.eligible(member.tier())) {
                Map<String, Object> offer = new LinkedHashMap<>();
                offer.put("itemId", item.itemId());
                offer.put("type", item.type().key());
                offer.put("name", item.name());
                offer.put("description", item.description());
                offer.put("pointsPrice", item.pointsPrice());
                offer.put("affordable", balance >= item.pointsPrice());
                offer.put("inStock", !item.limitedStock() || rewards.stock.left(item.itemId()) > 0);
                redeemable.add(offer);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memberId", member.memberId());
        out.put("tier", member.tier().key());
        out.put("balance", balance);
        out.put("rewards", items);
        out.put("next", page.next());
        out.put("badges", items.stream().filter(i -> "live".equals(i.get("state"))
                && (RewardType.BADGE.key().equals(i.get("type")) || RewardType.TITLE.key().equals(i.get("type")))).toList());
        out.put("certificates", items.stream().filter(i -> "live".equals(i.get("state")) && RewardType.CERTIFICATE.key().equals(i.get("type")))
                .toList());
        out.put("redeemable", redeemable);
        return ApiResponse.json(200, out);
    }

    /** Signed with the shared secret (see {@link CallbackSignature}); answers the issuance as it now is. */
    private APIGatewayV2HTTPResponse fulfilment(ApiRequest req) {
        String raw = req.bodyText(MAX_BODY);
        if (!CallbackSignature.valid(fulfilmentSecret, req.header(CallbackSignature.HEADER), raw, rewards.clock.instant())) {
            throw ProblemException.unauthorized("Sign the callback: " + CallbackSignature.HEADER + ": t=<unix seconds>,v1=<HMAC-SHA256 hex>.");
        }
        String issuanceId = req.pathParam("issuanceId", RewardIds.ISSUANCE);
        Report body = req.bodyAs(Report.class, MAX_BODY);
        IssuanceStatus status = IssuanceStatus.of(body.status()).filter(s -> s == IssuanceStatus.FULFILLED || s == IssuanceStatus.FAILED)
                .orElseThrow(() -> ProblemException.invalidField("status", "must be fulfilled or failed"));
        List<com.fanops.platform.http.FieldError> errors = new ArrayList<>();
        String reason = com.fanops.platform.input.Text.line(errors, "reason", body.reason(), 200, false);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        Issuance done = rewards.statuses.report("callback", issuanceId, status, reason);
        return ApiResponse.json(200, Map.of("issuanceId", done.issuanceId(), "status", done.status().key()));
    }

    /** What a member sees of one of their rewards: the item's names, the code of a coupon, the state. */
    private static Map<String, Object> view(Issuance i, Catalogue catalogue) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("issuanceId", i.issuanceId());
        out.put("itemId", i.itemId());
        out.put("type", i.type().key());
        catalogue.item(i.itemId()).ifPresent(item -> {
            out.put("name", item.name());
            out.put("description", item.description());
        });
        out.put("status", i.status().key());
        out.put("state", i.status().live() ? "live" : "ended");
        out.put("issuedAt", i.issuedAt().toString());
        out.put("validUntil", i.expiresOn() == null ? null : i.expiresOn().toString());
        out.put("pointsPrice", i.pointsPrice());
        out.put("points", i.points());
        out.put("cashAmount", i.cashAmount());
        out.put("code", i.status().live() ? i.code() : null);
        out.put("trigger", i.trigger());
        return out;
    }
}
