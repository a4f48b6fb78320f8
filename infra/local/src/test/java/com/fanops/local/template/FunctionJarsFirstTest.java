package com.fanops.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * `./fanops test` builds with two threads (mvn -T 2 -P function-jars-first): this module's stack tests start functions
 * from their jars, so the profile must make it wait for every module that packages a deployment jar. A new function
 * module missing from the profile would let a stack test start before its jar exists (or run an old one).
 */
class FunctionJarsFirstTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern PROFILE = Pattern.compile(
            "<profile>\\s*<id>function-jars-first</id>(.*?)</profile>", Pattern.DOTALL);
    private static final Pattern POM_DEPENDENCY = Pattern.compile(
            "<artifactId>([a-z-]+)</artifactId><version>\\$\\{project\\.version}</version><type>pom</type>");

    @Test
    void everyModuleWithADeploymentJarIsBuiltBeforeTheStackTests() throws IOException {
        Set<String> shaded = new TreeSet<>();
        Matcher modules = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (modules.find()) {
            Path pom = ROOT.resolve(modules.group(1)).resolve("pom.xml");
            if (Files.readString(pom).contains("<artifactId>maven-shade-plugin</artifactId>")) {
                shaded.add(modules.group(1).substring(modules.group(1).lastIndexOf('/') + 1));
            }
        }
        Matcher profile = PROFILE.matcher(Files.readString(ROOT.resolve("infra/local/pom.xml")));
        assertTrue(profile.find(), "infra/local/pom.xml has the function-jars-first profile");
        Set<String> waitedFor = new TreeSet<>();
        Matcher dependencies = POM_DEPENDENCY.matcher(profile.group(1));
        while (dependencies.find()) {
            waitedFor.add(dependencies.group(1));
        }
        assertTrue(shaded.size() > 20, "the function modules were found: " + shaded);
        assertEquals(shaded, waitedFor, "infra/local's function-jars-first profile lists exactly the modules that shade a jar");
    }
}
