package com.fanops.testing.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The house rules every capability and function module checks (STYLE.md, "The shape of the house"). Each module runs
 * them with a one-line test ({@code ArchTests.in(ArchitectureRules.class)}); {@code ArchitectureRulesTest} shows each rule
 * failing on a deliberate violation.
 */
public final class ArchitectureRules {

    /** Item keys look like {@code MEMBER#}, {@code DAY#}, {@code L#}: an upper-case prefix ending in '#'. */
    private static final String DYNAMODB_CLIENT = "software.amazon.awssdk.services.dynamodb.DynamoDbClient";
    static final Pattern ITEM_KEY = Pattern.compile("^[A-Z][A-Z0-9_]*#.*");

    // Every rule allows an empty selection: a function module without, say, a domain package of its own still checks
    // the classes of the capabilities it carries.
    @ArchTest
    public static final ArchRule DOMAIN_IS_PURE = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon..")
            .because("domain holds records and decisions that know nothing of AWS (tested in microseconds)")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule ONLY_STORES_TOUCH_DYNAMODB = noClasses()
            .that().resideOutsideOfPackages("..store..", "com.fanops.platform..", "com.fanops.testing..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.services.dynamodb.model..")
            .orShould().callMethodWhere(ownerIs(DYNAMODB_CLIENT))
            .because("a store is the only code that sees DynamoDbClient calls or AttributeValue; handlers and services ask stores")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule ITEM_KEYS_ONLY_IN_STORES = noClasses()
            .that().resideOutsideOfPackages("..store..", "com.fanops.platform..", "com.fanops.testing..")
            .should(containItemKeyLiterals())
            .because("item key literals (\"MEMBER#\") belong to the store that owns the item layout");

    @ArchTest
    public static final ArchRule PLATFORM_KNOWS_NO_CAPABILITY = noClasses().that().resideInAPackage("com.fanops.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("com.fanops.members..", "com.fanops.engagement..",
                    "com.fanops.metrics..", "com.fanops.messaging..", "com.fanops.rewards..", "com.fanops.complaints..",
                    "com.fanops.activities..")
            .because("capabilities are built on the platform, never the other way round")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule NO_CYCLES_BETWEEN_CAPABILITIES = slices().matching("com.fanops.(*)..")
            .should().beFreeOfCycles()
            .because("a capability may call another only if that one never calls it back")
            .allowEmptyShould(true);

    private ArchitectureRules() {
    }

    /** Keeps the production classes of this build (directories or jars), not test classes and test-jars. */
    public static final class ProductionClasses implements ImportOption {
        private static final ImportOption TESTS = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return TESTS.includes(location) && !location.contains("-tests.jar");
        }
    }

    private static DescribedPredicate<JavaMethodCall> ownerIs(String typeName) {
        return DescribedPredicate.describe("a method of " + typeName,
                call -> call.getTargetOwner().isAssignableTo(typeName));
    }

    private static ArchCondition<JavaClass> containItemKeyLiterals() {
        return new ArchCondition<>("contain item key literals") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (String literal : ClassConstants.strings(javaClass)) {
                    if (ITEM_KEY.matcher(literal).matches()) {
                        events.add(SimpleConditionEvent.satisfied(javaClass,
                                javaClass.getName() + " holds the item key literal \"" + literal + "\""));
                    }
                }
            }
        };
    }

    /** For tests of the rules themselves. */
    public static List<ArchRule> all() {
        return List.of(DOMAIN_IS_PURE, ONLY_STORES_TOUCH_DYNAMODB, ITEM_KEYS_ONLY_IN_STORES, PLATFORM_KNOWS_NO_CAPABILITY,
                NO_CYCLES_BETWEEN_CAPABILITIES);
    }
}
