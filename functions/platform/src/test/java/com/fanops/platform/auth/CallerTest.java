package com.fanops.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void groupsAreReadInEveryFormApiGatewayAndCognitoUse() {
        for (String groups : new String[] {"[admin analyst]", "[\"admin\",\"analyst\"]", "admin,analyst", "[admin, analyst]"}) {
            Caller caller = Caller.fromClaims(Map.of("sub", "s", "cognito:groups", groups));
            assertEquals(Set.of(Role.ADMIN, Role.ANALYST), caller.roles(), groups);
        }
    }

    @Test
    void unknownGroupsGiveNoRoleAndAnalystsSeeNoPersonalData() {
        Caller analyst = Caller.fromClaims(Map.of("sub", "s", "cognito:groups", "[analyst superuser]"));
        assertEquals(Set.of(Role.ANALYST), analyst.roles());
        assertFalse(analyst.seesPersonalData());
        assertTrue(Caller.fromClaims(Map.of("sub", "s", "cognito:groups", "[agent]")).seesPersonalData());
        assertTrue(Caller.fromClaims(Map.of()).anonymous());
    }
}
