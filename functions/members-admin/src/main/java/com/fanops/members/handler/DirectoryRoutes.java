package com.fanops.members.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fanops.members.app.MemberList;
import com.fanops.members.app.Segments;
import com.fanops.members.domain.DirectoryQuery;
import com.fanops.members.domain.Segment;
import com.fanops.platform.auth.Caller;
import com.fanops.platform.auth.Role;
import com.fanops.platform.http.ApiRequest;
import com.fanops.platform.http.ApiResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The member directory's routes: the list, its CSV export and segments (docs/members.md, "Member directory"). */
final class DirectoryRoutes {

    public record SegmentDraft(String name, Map<String, String> filter, Integer basedOn) {
    }

    static final Pattern SEGMENT = Pattern.compile("seg_[0-9a-f]{12}");
    private static final Role[] READERS = {Role.ADMIN, Role.MANAGER, Role.AGENT, Role.ANALYST};
    private static final Role[] EDITORS = {Role.ADMIN, Role.MANAGER};

    private final MemberList list;
    private final Segments segments;

    DirectoryRoutes(MemberList list, Segments segments) {
        this.list = list;
        this.segments = segments;
    }

    /** The list without a contact or id: the directory filtered, ordered and paged. */
    APIGatewayV2HTTPResponse list(ApiRequest req) {
        Caller caller = req.caller().requireAny(READERS);
        return ApiResponse.json(200, list.page(caller, DirectoryQuery.parse(filters(req)), req.queryCursor("cursor"),
                req.queryInt("limit", 1, 200, 50)));
    }

    APIGatewayV2HTTPResponse export(ApiRequest req) {
        Caller caller = req.caller().requireAny(READERS);
        DirectoryQuery query = DirectoryQuery.parse(filters(req));
        MemberList.Export export = list.export(caller, query, req.queryOneOf("purpose", MemberList.PURPOSES));
        APIGatewayV2HTTPResponse response = ApiResponse.text(200, "text/csv; charset=utf-8", export.csv());
        response.getHeaders().put("content-disposition", "attachment; filename=\"members.csv\"");
        response.getHeaders().put("x-export-rows", String.valueOf(export.rows()));
        response.getHeaders().put("x-export-truncated", String.valueOf(export.truncated()));
        return response;
    }

    APIGatewayV2HTTPResponse listSegments(ApiRequest req) {
        req.caller().requireAny(READERS);
        return ApiResponse.json(200, Map.of("segments", segments.all()));
    }

    APIGatewayV2HTTPResponse getSegment(ApiRequest req) {
        req.caller().requireAny(READERS);
        return ApiResponse.json(200, segments.get(req.pathParam("segmentId", SEGMENT)));
    }

    APIGatewayV2HTTPResponse createSegment(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDITORS);
        SegmentDraft draft = req.bodyAs(SegmentDraft.class, 8 * 1024);
        Segment saved = segments.create(caller.username(), draft.name(), draft.filter());
        return ApiResponse.created("/v1/admin/segments/" + saved.id(), saved);
    }

    APIGatewayV2HTTPResponse changeSegment(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDITORS);
        String id = req.pathParam("segmentId", SEGMENT);
        SegmentDraft draft = req.bodyAs(SegmentDraft.class, 8 * 1024);
        return ApiResponse.json(200, segments.change(caller.username(), id, draft.basedOn(), draft.name(), draft.filter()));
    }

    APIGatewayV2HTTPResponse deleteSegment(ApiRequest req) {
        Caller caller = req.caller().requireAny(EDITORS);
        segments.delete(caller.username(), req.pathParam("segmentId", SEGMENT));
        return ApiResponse.noContent();
    }

    APIGatewayV2HTTPResponse countSegment(ApiRequest req) {
        Caller caller = req.caller().requireAny(READERS);
        return ApiResponse.json(200, segments.count(caller.username(), req.pathParam("segmentId", SEGMENT)));
    }

    /** The directory filters among the query parameters (the others - cursor, limit, purpose - are read by name). */
    private static Map<String, String> filters(ApiRequest req) {
        Map<String, String> all = req.event().getQueryStringParameters();
        Map<String, String> out = new HashMap<>();
        if (all != null) {
            DirectoryQuery.FILTERS.forEach(name -> {
                if (all.get(name) != null) {
                    out.put(name, all.get(name));
                }
            });
        }
        return out;
    }
}
