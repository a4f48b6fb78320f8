package com.fanops.arch;

import com.fanops.testing.arch.ArchitectureRules;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/** The house rules (STYLE.md) over this module's classes and everything it carries. */
@AnalyzeClasses(packages = "com.fanops", importOptions = ArchitectureRules.ProductionClasses.class)
class HouseRulesTest {
    @ArchTest
    static final ArchTests HOUSE_RULES = ArchTests.in(ArchitectureRules.class);
}
