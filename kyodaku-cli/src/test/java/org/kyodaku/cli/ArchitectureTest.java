package org.kyodaku.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, enforced: libraries need only the JDK (and JSpecify annotations),
 * dependencies point down (core <- fingerprint, store <- server <- cli), and no package cycles.
 * It lives in the CLI module because the CLI sees every other module.
 */
class ArchitectureTest {
  private static JavaClasses kyodaku;

  @BeforeAll
  static void importClasses() {
    kyodaku =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.kyodaku");
  }

  @Test
  void core_dependsOnlyOnJdk() {
    classes()
        .that()
        .resideInAPackage("org.kyodaku.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.jspecify..", "org.kyodaku.core..")
        .check(kyodaku);
  }

  @Test
  void fingerprint_dependsOnlyOnJdkAndCore() {
    classes()
        .that()
        .resideInAPackage("org.kyodaku.fingerprint..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.imageio..",
            "org.jspecify..",
            "org.bouncycastle..",
            "org.kyodaku.core..",
            "org.kyodaku.fingerprint..")
        .check(kyodaku);
  }

  @Test
  void indexLogSignals_dependOnlyOnJdkAndCore() {
    classes()
        .that()
        .resideInAnyPackage("org.kyodaku.index..", "org.kyodaku.log..", "org.kyodaku.signals..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.xml..",
            "javax.security.auth.x500..",
            "org.w3c.dom..",
            "org.xml.sax..",
            "org.jspecify..",
            "org.kyodaku.core..",
            "org.kyodaku.index..",
            "org.kyodaku.log..",
            "org.kyodaku.signals..")
        .allowEmptyShould(true)
        .check(kyodaku);
  }

  @Test
  void libraries_neverDependOnAdapters() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.kyodaku.core..",
            "org.kyodaku.fingerprint..",
            "org.kyodaku.index..",
            "org.kyodaku.log..",
            "org.kyodaku.signals..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.kyodaku.store..", "org.kyodaku.server..", "org.kyodaku.cli..")
        .check(kyodaku);
  }

  @Test
  void store_neverDependsOnServerOrCli() {
    noClasses()
        .that()
        .resideInAPackage("org.kyodaku.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.kyodaku.server..", "org.kyodaku.cli..", "io.javalin..")
        .check(kyodaku);
  }

  @Test
  void server_neverDependsOnCli() {
    noClasses()
        .that()
        .resideInAPackage("org.kyodaku.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.kyodaku.cli..")
        .check(kyodaku);
  }

  @Test
  void productionCode_neverDependsOnTestkit() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.kyodaku.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.kyodaku.testkit..")
        .check(kyodaku);
  }

  @Test
  void packages_haveNoCycles() {
    slices().matching("org.kyodaku.(**)").should().beFreeOfCycles().check(kyodaku);
  }
}
