package com.fanops.admin.handler;

import com.fanops.core.auth.Area;
import com.fanops.core.auth.Caller;
import com.fanops.core.auth.Role;
import com.fanops.core.http.ApiHandler;
import com.fanops.core.http.ApiResponse;
import java.util.Arrays;
import java.util.List;

/** The operator's session: who is signed in, with which roles, and which dashboard areas they may open. */
public final class AdminApiHandler extends ApiHandler {

    public record Me(String subject, String username, List<String> roles, List<String> areas, boolean seesPersonalData) {
    }

    public AdminApiHandler() {
        route("GET /v1/admin/me", req -> {
            Caller caller = req.caller().requireAny(Role.values());
            List<String> roles = caller.roles().stream().sorted().map(Role::group).toList();
            List<String> areas = Arrays.stream(Area.values()).filter(a -> a.openTo(caller.roles())).map(Area::key).toList();
            return ApiResponse.json(200, new Me(caller.subject(), caller.username(), roles, areas, caller.seesPersonalData()));
        });
    }
}
