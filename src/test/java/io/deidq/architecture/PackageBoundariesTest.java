package io.deidq.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The boundaries of DESIGN.md ("Components"). */
class PackageBoundariesTest {

    private static final JavaClasses DEIDQ = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.deidq");

    @Test
    void dicomDependsOnTheJdkOnly() {
        noClasses().that().resideInAPackage("io.deidq.dicom..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.deidq.dicom..", "java..", "javax.net.ssl..")
                .because("the DICOM layer is plain Java: no Spring, no other deidq package, no library")
                .check(DEIDQ);
    }

    @Test
    void recipesDependOnTheDicomLayerAndTheJdkOnlyButForTheirSpringWiring() {
        noClasses().that().resideInAPackage("io.deidq.recipe..")
                .and().haveSimpleNameNotEndingWith("Configuration").and().haveSimpleNameNotEndingWith("Properties")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.deidq.recipe..", "io.deidq.dicom..", "java..", "javax.crypto..")
                .because("the clean stage runs the same in a worker, in deidq anonymize and in a benchmark")
                .check(DEIDQ);
    }

    @Test
    void nothingButTheWebPackageKnowsTheWebPackage() {
        noClasses().that().resideOutsideOfPackage("io.deidq.web..")
                .should().dependOnClassesThat().resideInAPackage("io.deidq.web..")
                .check(DEIDQ);
    }

    @Test
    void theCommandLineDoesNotStartTheService() {
        noClasses().that().resideInAPackage("io.deidq.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.deidq.web..")
                .because("subcommands run without Spring, so that they start fast")
                .check(DEIDQ);
    }
}
