package dev.inlet.relay.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules docs/architecture.md states, checked on the relay's compiled classes. No
 * exemptions: a change that needs one changes the architecture, and that document with it.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.inlet.relay";
  private static JavaClasses relay;

  @BeforeAll
  static void importClasses() {
    relay = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(relay);
  }

  @Test
  void storeIsALeafThatKnowsOnlyIdsAndProblems() {
    classes().that().resideInAPackage(ROOT + ".store..")
        .should().onlyDependOnClassesThat()
        .resideOutsideOfPackage(ROOT + "..")
        .orShould().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".store..", ROOT + ".id..",
            ROOT + ".problem..", "java..", "io.vertx..", "io.netty..", "org.flywaydb..", "org.slf4j..")
        .check(relay);
    noClasses().that().resideInAPackage(ROOT + ".store..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".app..", ROOT + ".auth..", ROOT + ".endpoint..",
            ROOT + ".envelope..", ROOT + ".event..", ROOT + ".handshake..", ROOT + ".health..",
            ROOT + ".housekeeping..", ROOT + ".http..", ROOT + ".ingest..", ROOT + ".provider..", ROOT + ".queue..",
            ROOT + ".stream..", ROOT + ".tenant..", ROOT + ".verify..", ROOT + ".secret..", ROOT + ".cluster..")
        .check(relay);
  }

  @Test
  void sealingSecretsIsPureJava() {
    classes().that().resideInAPackage(ROOT + ".secret..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".secret..", "java..", "javax..")
        .check(relay);
  }

  @Test
  void theHttpEdgeNeverReachesAStore() {
    noClasses().that().resideInAPackage(ROOT + ".http..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".store..")
        .orShould().dependOnClassesThat().belongToAnyOf(Pool.class, SqlClient.class)
        .check(relay);
  }

  @Test
  void providersAndTheirBuildingBlocksKnowNothingOfEndpointsStorageOrHttp() {
    noClasses().that().resideInAnyPackage(ROOT + ".provider..", ROOT + ".verify..", ROOT + ".handshake..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".endpoint..", ROOT + ".store..", ROOT + ".http..",
            ROOT + ".ingest..", ROOT + ".queue..", ROOT + ".app..", "io.vertx..")
        .check(relay);
  }

  @Test
  void onlyAppWiresAndOnlyTheEdgeAndAppKnowHttpRoutes() {
    noClasses().that().resideOutsideOfPackage(ROOT + ".app..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".app..")
        .check(relay);
    noClasses().that().resideOutsideOfPackages(ROOT + ".app..", ROOT + ".http..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".http..")
        .check(relay);
  }
}
