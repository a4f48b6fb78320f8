package com.fanops.rewards.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.domain.MemberIds;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.http.ApiHandler;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Dates;
import com.fanops.platform.settings.SettingsVersion;
import com.fanops.platform.settings.VersionedSettings;
import com.fanops.rewards.app.ManualGrants;
import com.fanops.rewards.app.Rewards;
import com.fanops.rewards.domain.Catalogue;
import com.fanops.rewards.domain.CatalogueItem;
import com.fanops.rewards.domain.CodePattern;
import com.fanops.rewards.domain.Holiday;
import com.fanops.rewards.domain.IssuanceStatus;
import com.fanops.rewards.domain.RewardIds;
import com.fanops.rewards.domain.RewardRule;
import com.fanops.rewards.domain.RewardRules;
import com.fanops.rewards.domain.RewardType;
import com.fanops.rewards.domain.Trigger;
import com.fanops.rewards.store.IssuanceStore;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The rewards admin API (routes under {@code /v1/admin/rewards} and a member's rewards under {@code /v1/admin/members}):
 * managers and admins edit the catalogue and rules, run budgets and code pools, grant and revoke; admins approve grants
 * above the threshold; analysts read the catalogue, rules, budgets, pools, the archive and its totals without personal data;
 * agents have no access. Each route: roles, input, one service call, the answer.
 */
public final class RewardsAdminHandler extends ApiHandler {

    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_CATALOGUE = 512 * 1024;
    private static final int MAX_UPLOAD = 4 * 1024 * 1024;
    private static final LocalDate EARLIEST = LocalDate.parse("2000-01-01");
    private static final Role[] EDIT = {Role.ADMIN, Role.MANAGER};
    private static final Role[] READ = {Role.ADMIN, Role.MANAGER, Role.ANALYST};

    public record CatalogueChange(Integer basedOn, List<CatalogueItem> items) {
    }

    public record RulesChange(Integer basedOn, List<RewardRule> rules, Map<String, Holiday> calendar, Long approvalAbove) {
    }

    public record StockChange(Long delta, String reason) {
    }

    public record NewBudget(String budgetId, String name, String from, String until, Long amount) {
    }

    public record BudgetChange(Long delta, String reason) {
    }

    public record NewPool(String poolId, String name, Long threshold) {
    }

    public record Generate(String charset, Integer length, String prefix, String pattern, Integer count) {
    }

    public record BurnCode(String code, String reason) {
    }

    public record Revoke(String reason) {
    }

    public record Decision(String decision, String reason) {
    }

    public record Grant(String itemId, String grantId, String reason) {
    }

    private final Rewards rewards;

    public RewardsAdminHandler() {
        this(Rewards.fromEnvironment(Duration.ZERO));
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    public RewardsAdminHandler(Rewards rewards) {
        this.rewards = rewards;
        route("GET /v1/admin/rewards/catalogue", this::catalogue);
        route("PUT /v1/admin/rewards/catalogue", this::changeCatalogue);
        route("GET /v1/admin/rewards/catalogue/history", this::catalogueHistory);
        route("POST /v1/admin/rewards/items/{itemId}/stock", this::changeStock);
        route("GET /v1/admin/rewards/rules", this::rules);
        route("PUT /v1/admin/rewards/rules", this::changeRules);
        route("GET /v1/admin/rewards/rules/history", this::rulesHistory);
        route("GET /v1/admin/rewards/budgets", req -> {
            req.caller().requireAny(READ);
            return ApiResponse.json(200, Map.of("budgets", rewards.budgets.list()));
        });
        route("POST /v1/admin/rewards/budgets", this::createBudget);
        route("GET /v1/admin/rewards/budgets/{budgetId}", this::budget);
        route("POST /v1/admin/rewards/budgets/{budgetId}/changes", this::changeBudget);
        route("GET /v1/admin/rewards/pools", req -> {
            req.caller().requireAny(READ);
            return ApiResponse.json(200, Map.of("pools", rewards.pools.list()));
        });
        route("POST /v1/admin/rewards/pools", this::createPool);
        route("GET /v1/admin/rewards/pools/{poolId}", req -> {
            req.caller().requireAny(READ);
            return ApiResponse.json(200, rewards.pools.get(req.pathParam("poolId", RewardIds.SLUG)));
        });
        route("POST /v1/admin/rewards/pools/{poolId}/codes", this::upload);
        route("POST /v1/admin/rewards/pools/{poolId}/generate", this::generate);
        route("POST /v1/admin/rewards/pools/{poolId}/burn", this::burn);
        route("GET /v1/admin/rewards/issuances", this::archive);
        route("GET /v1/admin/rewards/issuances/{issuanceId}", req -> {
            req.caller().requireAny(EDIT);
            return ApiResponse.json(200, rewards.statuses.get(req.pathParam("issuanceId", RewardIds.ISSUANCE)));
        });
        route("POST /v1/admin/rewards/issuances/{issuanceId}/revoke", this::revoke);
        route("GET /v1/admin/rewards/totals", this::totals);
        route("GET /v1/admin/rewards/export", this::export);
        route("GET /v1/admin/rewards/approvals", req -> {
            req.caller().requireAny(EDIT);
            return ApiResponse.json(200, Map.of("approvals", rewards.grants.pending()));
        });
        route("POST /v1/admin/rewards/approvals/{approvalId}", this::decide);
        route("GET /v1/admin/members/{memberId}/rewards", this::memberRewards);
        route("POST /v1/admin/members/{memberId}/rewards", this::grant);
    }

    private APIGatewayV2HTTPResponse catalogue(ApiRequest req) {
        req.caller().requireAny(READ);
        return ApiResponse.json(200, rewards.catalogue.currentVersion());
    }

    private APIGatewayV2HTTPResponse changeCatalogue(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        CatalogueChange body = req.bodyAs(CatalogueChange.class, MAX_CATALOGUE);
        SettingsVersion<Catalogue> saved = rewards.catalogue.change(new Catalogue(body.items()), body.basedOn(), caller.username());
        rewards.audit.record(caller.username(), "rewards.catalogue.change", "v" + saved.version(), null);
        return ApiResponse.created("/v1/admin/rewards/catalogue", saved);
    }

    private APIGatewayV2HTTPResponse catalogueHistory(ApiRequest req) {
        req.caller().requireAny(READ);
        return ApiResponse.json(200, rewards.catalogue.history(req.queryCursor("cursor"),
                req.queryInt("limit", 1, VersionedSettings.MAX_PAGE, VersionedSettings.DEFAULT_PAGE)));
    }

    private APIGatewayV2HTTPResponse changeStock(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        String itemId = req.pathParam("itemId", RewardIds.SLUG);
        StockChange body = req.bodyAs(StockChange.class, MAX_BODY);
        CatalogueItem item = rewards.catalogue.current().item(itemId).orElseThrow(() -> ProblemException.notFound("Catalogue item " + itemId));
        if (!item.limitedStock()) {
            throw ProblemException.invalidField("itemId", "this item's stock is not counted (limitedStock is false)");
        }
        if (body.delta() == null || body.delta() == 0 || body.delta() > 1_000_000 || body.delta() < -1_000_000) {
            throw ProblemException.invalidField("delta", "a non-zero whole number from -1000000 to 1000000");
        }
        List<com.fanops.platform.http.FieldError> errors = new ArrayList<>();
        String reason = com.fanops.platform.input.Text.line(errors, "reason", body.reason(), 200, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (!rewards.stock.change(itemId, body.delta())) {
            throw ProblemException.conflict("stock-short", "Not that much in stock", "Only " + rewards.stock.left(itemId) + " left to withdraw.");
        }
        rewards.audit.record(caller.username(), "rewards.stock.change", itemId, reason);
        return ApiResponse.json(200, Map.of("itemId", itemId, "left", rewards.stock.left(itemId), "total", rewards.stock.total(itemId)));
    }

    private APIGatewayV2HTTPResponse rules(ApiRequest req) {
        req.caller().requireAny(READ);
        return ApiResponse.json(200, rewards.rules.currentVersion());
    }

    private APIGatewayV2HTTPResponse changeRules(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        RulesChange body = req.bodyAs(RulesChange.class, MAX_CATALOGUE);
        RewardRules proposed = new RewardRules(body.rules(), body.calendar() == null ? rewards.rules.current().calendar() : body.calendar(),
                body.approvalAbove());
        List<com.fanops.platform.http.FieldError> unknown = new ArrayList<>();
        Catalogue catalogue = rewards.catalogue.current();
        if (body.rules() != null) {
            for (int i = 0; i < body.rules().size(); i++) {
                String itemId = body.rules().get(i).itemId();
                if (itemId != null && catalogue.item(itemId).isEmpty()) {
                    unknown.add(new com.fanops.platform.http.FieldError("rules[" + i + "].itemId", "is not in the catalogue"));
                }
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.validation(unknown);
        }
        if (!caller.has(Role.ADMIN) && proposed.approvalAbove() != rewards.rules.current().approvalAbove()) {
            throw ProblemException.forbidden("Only an admin changes approvalAbove.");
        }
        SettingsVersion<RewardRules> saved = rewards.rules.change(proposed, body.basedOn(), caller.username());
        rewards.audit.record(caller.username(), "rewards.rules.change", "v" + saved.version(), null);
        return ApiResponse.created("/v1/admin/rewards/rules", saved);
    }

    private APIGatewayV2HTTPResponse rulesHistory(ApiRequest req) {
        req.caller().requireAny(READ);
        return ApiResponse.json(200, rewards.rules.history(req.queryCursor("cursor"),
                req.queryInt("limit", 1, VersionedSettings.MAX_PAGE, VersionedSettings.DEFAULT_PAGE)));
    }

    private APIGatewayV2HTTPResponse createBudget(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        NewBudget body = req.bodyAs(NewBudget.class, MAX_BODY);
        var budget = rewards.budgets.create(caller.username(), body.budgetId(), body.name(), date("from", body.from()), date("until", body.until()),
                body.amount());
        return ApiResponse.created("/v1/admin/rewards/budgets/" + budget.budgetId(), budget);
    }

    private APIGatewayV2HTTPResponse budget(ApiRequest req) {
        req.caller().requireAny(READ);
        String budgetId = req.pathParam("budgetId", RewardIds.SLUG);
        return ApiResponse.json(200, Map.of("budget", rewards.budgets.get(budgetId), "burnDown", rewards.budgets.burnDown(budgetId)));
    }

    private APIGatewayV2HTTPResponse changeBudget(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        String budgetId = req.pathParam("budgetId", RewardIds.SLUG);
        BudgetChange body = req.bodyAs(BudgetChange.class, MAX_BODY);
        return ApiResponse.json(200, rewards.budgets.change(caller.username(), budgetId, body.delta(), body.reason()));
    }

    private APIGatewayV2HTTPResponse createPool(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        NewPool body = req.bodyAs(NewPool.class, MAX_BODY);
        var pool = rewards.pools.create(caller.username(), body.poolId(), body.name(), body.threshold());
        return ApiResponse.created("/v1/admin/rewards/pools/" + pool.poolId(), pool);
    }

    /** The codes as a CSV body ({@code text/csv}): a header naming a code column, one code per row. */
    private APIGatewayV2HTTPResponse upload(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        String poolId = req.pathParam("poolId", RewardIds.SLUG);
        String type = req.header("content-type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
            throw ProblemException.unsupportedMediaType("text/csv");
        }
        return ApiResponse.json(200, rewards.pools.upload(caller.username(), poolId, req.bodyText(MAX_UPLOAD)));
    }

    private APIGatewayV2HTTPResponse generate(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        String poolId = req.pathParam("poolId", RewardIds.SLUG);
        Generate body = req.bodyAs(Generate.class, MAX_BODY);
        return ApiResponse.json(200, rewards.pools.generate(caller.username(), poolId,
                new CodePattern(body.charset(), body.length(), body.prefix(), body.pattern()), body.count()));
    }

    private APIGatewayV2HTTPResponse burn(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        String poolId = req.pathParam("poolId", RewardIds.SLUG);
        BurnCode body = req.bodyAs(BurnCode.class, MAX_BODY);
        if (body.code() == null || !RewardIds.CODE.matcher(body.code()).matches()) {
            throw ProblemException.invalidField("code", "a code is 4-64 of A-Z a-z 0-9 _ -");
        }
        List<com.fanops.platform.http.FieldError> errors = new ArrayList<>();
        String reason = com.fanops.platform.input.Text.line(errors, "reason", body.reason(), 200, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        rewards.pools.burn(caller.username(), poolId, body.code(), reason);
        return ApiResponse.json(200, rewards.pools.get(poolId));
    }

    private APIGatewayV2HTTPResponse archive(ApiRequest req) {
        Caller caller = req.caller().requireAny(READ);
        LocalDate[] period = period(req);
        var page = rewards.reports.page(period[0], period[1], filter(req), req.queryCursor("cursor"), req.queryInt("limit", 1, 200, 50),
                caller.seesPersonalData());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items());
        out.put("next", page.next());
        return ApiResponse.json(200, out);
    }

    private APIGatewayV2HTTPResponse totals(ApiRequest req) {
        req.caller().requireAny(READ);
        LocalDate[] period = period(req);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", period[0].toString());
        out.put("to", period[1].toString());
        out.putAll(rewards.reports.totals(period[0], period[1], filter(req)).view());
        return ApiResponse.json(200, out);
    }

    private APIGatewayV2HTTPResponse export(ApiRequest req) {
        Caller caller = req.caller().requireAny(READ);
        LocalDate[] period = period(req);
        APIGatewayV2HTTPResponse response = ApiResponse.text(200, "text/csv; charset=utf-8",
                rewards.reports.csv(period[0], period[1], filter(req), caller.seesPersonalData()));
        response.getHeaders().put("content-disposition", "attachment; filename=\"rewards-" + period[0] + "-" + period[1] + ".csv\"");
        return response;
    }

    private APIGatewayV2HTTPResponse revoke(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        String issuanceId = req.pathParam("issuanceId", RewardIds.ISSUANCE);
        Revoke body = req.bodyAs(Revoke.class, MAX_BODY);
        List<com.fanops.platform.http.FieldError> errors = new ArrayList<>();
        String reason = com.fanops.platform.input.Text.line(errors, "reason", body.reason(), 200, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return ApiResponse.json(200, rewards.statuses.revoke(caller.username(), issuanceId, reason));
    }

    private APIGatewayV2HTTPResponse decide(ApiRequest req) {
        Caller caller = req.caller().requireAny(Role.ADMIN);
        String approvalId = req.pathParam("approvalId", RewardIds.APPROVAL);
        Decision body = req.bodyAs(Decision.class, MAX_BODY);
        if (!"approve".equals(body.decision()) && !"reject".equals(body.decision())) {
            throw ProblemException.invalidField("decision", "must be approve or reject");
        }
        return ApiResponse.json(200, rewards.grants.decide(caller, approvalId, "approve".equals(body.decision()), body.reason()));
    }

    private APIGatewayV2HTTPResponse memberRewards(ApiRequest req) {
        req.caller().requireAny(EDIT);
        String memberId = member(req);
        var page = rewards.reports.member(memberId, req.queryCursor("cursor"), req.queryInt("limit", 1, 200, 50));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items());
        out.put("next", page.next());
        out.put("badges", page.items().stream().filter(i -> i.status().live()
                && (i.type() == RewardType.BADGE || i.type() == RewardType.TITLE)).map(i -> i.itemId()).distinct().toList());
        return ApiResponse.json(200, out);
    }

    private APIGatewayV2HTTPResponse grant(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDIT);
        String memberId = member(req);
        Grant body = req.bodyAs(Grant.class, MAX_BODY);
        ManualGrants.Outcome outcome = rewards.grants.grant(caller, memberId, body.itemId(), body.grantId(), body.reason());
        if (outcome.issuance() != null) {
            return ApiResponse.created("/v1/admin/rewards/issuances/" + outcome.issuance().issuanceId(),
                    Map.of("status", outcome.status(), "issuance", outcome.issuance()));
        }
        return ApiResponse.json(202, Map.of("status", outcome.status(), "approval", outcome.approval()));
    }

    private String member(ApiRequest req) {
        String memberId = req.pathParam("memberId", MemberIds.MEMBER);
        if (rewards.lookup.profile(memberId).isEmpty()) {
            throw ProblemException.notFound("Member");
        }
        return memberId;
    }

    private static LocalDate date(String field, String value) {
        if (value == null) {
            throw ProblemException.invalidField(field, "is required (YYYY-MM-DD)");
        }
        try {
            return Dates.parse(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, e.getMessage());
        }
    }

    /** {@code from} and {@code to} (business days, default: the last 30 days), at most a year apart. */
    private LocalDate[] period(ApiRequest req) {
        LocalDate today = rewards.reports.today();
        LocalDate to = req.queryDate("to", EARLIEST, today.plusYears(1), today);
        LocalDate from = req.queryDate("from", EARLIEST, today.plusYears(1), to.minusDays(29));
        com.fanops.rewards.app.RewardArchive.checkPeriod(from, to);
        return new LocalDate[] {from, to};
    }

    private static IssuanceStore.Filter filter(ApiRequest req) {
        List<String> triggers = Stream.concat(Trigger.KEYS.stream(), Stream.of("redemption", "manual")).toList();
        return new IssuanceStore.Filter(req.queryOneOf("type", RewardType.KEYS), req.queryOneOf("status", IssuanceStatus.KEYS),
                req.queryMatching("ruleId", RewardIds.SLUG), req.queryMatching("budgetId", RewardIds.SLUG),
                req.queryMatching("itemId", RewardIds.SLUG), req.queryOneOf("trigger", triggers));
    }
}
