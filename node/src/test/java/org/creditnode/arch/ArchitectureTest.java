package org.creditnode.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The dependency rules over every package of the node, on the compiled classes: the package
 * slices are free of cycles, JAX-RS stays in the HTTP adapters, and the use cases speak in
 * {@code problem.Problem} kinds, never in HTTP statuses.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.creditnode");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.creditnode.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void jaxRsOnlyInTheHttpAdapters() {
        noClasses().that().resideOutsideOfPackages("org.creditnode.api..", "org.creditnode.http..")
                .and().doNotHaveSimpleName("FederationApi")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .because("HTTP is an adapter: use cases, rules and storage must not know it (FederationApi is the federation's "
                        + "resource and moves to api once Federation no longer builds its own server)")
                .check(classes);
    }

    @Test
    void theDomainKnowsNothingOfTransportStorageOrTheFederation() {
        noClasses().that().resideInAnyPackage("org.creditnode.record..", "org.creditnode.sign..", "org.creditnode.policy..",
                        "org.creditnode.problem..")
                .should().dependOnClassesThat().resideInAnyPackage("org.creditnode.api..", "org.creditnode.http..",
                        "org.creditnode.federation..", "org.creditnode.store..", "org.creditnode.ingest..", "java.sql..",
                        "jakarta.ws.rs..", "org.apache.cxf..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test
    void ingestKnowsNothingOfHttpOrTheFederation() {
        noClasses().that().resideInAPackage("org.creditnode.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.creditnode.api..", "org.creditnode.http..",
                        "org.creditnode.federation..", "jakarta.ws.rs..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test
    void jdbcOnlyInTheStoreAndTheTwoTransactionOwners() {
        noClasses().that().resideOutsideOfPackage("org.creditnode.store..")
                .and().doNotHaveSimpleName("GroupCommitter").and().doNotHaveSimpleName("InboundService")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("java.sql")
                        .and(DescribedPredicate.not(JavaClass.Predicates.simpleName("SQLException"))))
                .because("storage is the store's; the committer and the inbound service still own their transactions "
                        + "(to move into store), no new class may join them, and SQLException is still thrown through")
                .check(classes);
    }

    /** The data path's rule, package by package: what each may use of the node besides itself (and the JDK and libraries). */
    @Test
    void dependenciesPointAlongTheDataPath() {
        Map<String, List<String>> allowed = Map.ofEntries(
                Map.entry("sign", List.<String>of()),
                Map.entry("config", List.<String>of()),
                Map.entry("problem", List.<String>of()),
                Map.entry("record", List.of("config")),
                Map.entry("policy", List.of("config", "record")),
                Map.entry("store", List.of("config", "record", "sign", "privacy", "account")),
                Map.entry("account", List.<String>of()),
                Map.entry("privacy", List.of("config", "record")),
                Map.entry("access", List.of("config", "record", "policy", "privacy", "problem", "store", "account", "sign")),
                Map.entry("route", List.of("config", "record", "policy")),
                Map.entry("ingest", List.of("config", "record", "sign", "store", "problem", "policy", "account")),
                Map.entry("log", List.of("store")),
                Map.entry("broker", List.<String>of()));
        allowed.forEach((pkg, uses) -> {
            List<String> packages = new java.util.ArrayList<>(List.of("org.creditnode." + pkg + "..", "org.creditnode.certs.."));
            uses.forEach(u -> packages.add("org.creditnode." + u + ".."));
            classes().that().resideInAPackage("org.creditnode." + pkg + "..")
                    .should().onlyDependOnClassesThat(JavaClass.Predicates.resideOutsideOfPackage("org.creditnode..")
                            .or(JavaClass.Predicates.resideInAnyPackage(packages.toArray(String[]::new))))
                    .check(classes);
        });
    }
}
