package com.fanops.testing.arch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.archcyclea.CallsB;
import com.fanops.archcycleb.CallsA;
import com.fanops.archfixture.bad.domain.AwsInDomain;
import com.fanops.archfixture.bad.handler.KeyedHandler;
import com.fanops.archfixture.bad.handler.QueryingHandler;
import com.fanops.archfixture.good.domain.Member;
import com.fanops.archfixture.good.handler.GoodHandler;
import com.fanops.archfixture.good.store.GoodStore;
import com.fanops.members.archfixture.CapabilityType;
import com.fanops.platform.archfixture.PlatformUsingCapability;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Each house rule fails on a deliberate violation and passes on the allowed shape. */
class ArchitectureRulesTest {

    private static JavaClasses classes(Class<?>... types) {
        return new ClassFileImporter().importClasses(types);
    }

    private static void failsOn(ArchRule rule, String expected, Class<?>... types) {
        AssertionError error = assertThrows(AssertionError.class, () -> rule.check(classes(types)));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void aDomainClassThatKnowsAnAwsTypeFails() {
        failsOn(ArchitectureRules.DOMAIN_IS_PURE, AwsInDomain.class.getName(), AwsInDomain.class);
    }

    @Test
    void aHandlerThatCallsDynamoDbFails() {
        failsOn(ArchitectureRules.ONLY_STORES_TOUCH_DYNAMODB, "DynamoDbClient.getItem", QueryingHandler.class);
    }

    @Test
    void aHandlerThatBuildsAnItemKeyFails() {
        failsOn(ArchitectureRules.ITEM_KEYS_ONLY_IN_STORES, "MEMBER#", KeyedHandler.class);
    }

    @Test
    void platformCodeThatKnowsACapabilityFails() {
        failsOn(ArchitectureRules.PLATFORM_KNOWS_NO_CAPABILITY, PlatformUsingCapability.class.getName(),
                PlatformUsingCapability.class, CapabilityType.class);
    }

    @Test
    void twoCapabilitiesThatCallEachOtherFail() {
        failsOn(ArchitectureRules.NO_CYCLES_BETWEEN_CAPABILITIES, "Cycle detected", CallsA.class, CallsB.class);
    }

    @Test
    void theAllowedShapePassesEveryRule() {
        JavaClasses good = classes(GoodStore.class, GoodHandler.class, Member.class);
        for (ArchRule rule : ArchitectureRules.all()) {
            assertDoesNotThrow(() -> rule.check(good), rule.getDescription());
        }
    }
}
