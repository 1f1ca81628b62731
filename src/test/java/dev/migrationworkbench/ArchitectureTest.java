package dev.migrationworkbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package arrows of docs/ARCHITECTURE.md. */
class ArchitectureTest {

    private static final String BASE = "dev.migrationworkbench";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void nothingDependsOnUiOrCli() {
        noClasses().that().resideOutsideOfPackages(BASE + ".ui..", BASE + ".cli..")
                .and().doNotHaveFullyQualifiedName(BASE + ".Launcher")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".ui..", BASE + ".cli..")
                .check(classes);
    }

    /**
     * The window and the command line are adapters over the service layer: they never call Nova or
     * the probe agents themselves. Typed failures (exceptions) may cross, so an adapter can choose
     * its message and exit code; the agent's own command (a separate program in the same jar) is
     * registered by the command line.
     */
    private static final DescribedPredicate<JavaClass> EXCEPTION_OR_ITS_PART = DescribedPredicate.describe(
            "an exception or a type nested in one", c -> c.isAssignableTo(Exception.class)
                    || c.getEnclosingClass().map(e -> e.isAssignableTo(Exception.class)).orElse(false));

    @Test
    void uiAndCliGoThroughTheServiceLayer() {
        noClasses().that().resideInAnyPackage(BASE + ".ui..", BASE + ".cli..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(BASE + ".cloud..", BASE + ".probe..")
                        .and(DescribedPredicate.not(EXCEPTION_OR_ITS_PART))
                        .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(
                                dev.migrationworkbench.probe.agent.AgentCommand.class))))
                .check(classes);
    }

    @Test
    void modelAndDiagnosisArePure() {
        noClasses().that().resideInAnyPackage(BASE + ".model..", BASE + ".diagnosis..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "java.io..", "java.nio..", "java.net..", "org.openstack4j..",
                        "org.apache.pdfbox..", "com.fasterxml.jackson..")
                .allowEmptyShould(true)
                .check(classes);
        classes().that().resideInAPackage(BASE + ".model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(BASE + ".model..", "java..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void diagnosisUsesOnlyTheModel() {
        noClasses().that().resideInAPackage(BASE + ".diagnosis..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        BASE + ".cloud..", BASE + ".probe..", BASE + ".democloud..", BASE + ".monitor..",
                        BASE + ".action..", BASE + ".report..", BASE + ".i18n..", BASE + ".config..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void demoCloudStandsAlone() {
        noClasses().that().resideInAPackage(BASE + ".democloud..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        BASE + ".model..", BASE + ".cloud..", BASE + ".probe..", BASE + ".diagnosis..",
                        BASE + ".monitor..", BASE + ".action..", BASE + ".report..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyUiTouchesJavaFx() {
        noClasses().that().resideOutsideOfPackages(BASE + ".ui..")
                .and().doNotHaveFullyQualifiedName(BASE + ".Launcher")
                .and().resideOutsideOfPackage(BASE + ".cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree.chart.fx..")
                .check(classes);
    }

    @Test
    void onlyReportTouchesPdfBox() {
        noClasses().that().resideOutsideOfPackage(BASE + ".report..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..", "de.rototor.pdfbox..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void openstack4jStaysInsideCloud() {
        noClasses().that().resideOutsideOfPackage(BASE + ".cloud..")
                .should().dependOnClassesThat().resideInAnyPackage("org.openstack4j..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void viewModelsHoldNoNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx.scene..", "javafx.stage..", "org.jfree.chart..", "org.controlsfx..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheUiExecutorCallsRunLater() {
        noClasses().that().doNotHaveSimpleName("FxUiExecutor")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .check(classes);
    }

    @Test
    void logsGoThroughSlf4j() {
        noClasses().that().resideOutsideOfPackages(BASE + ".cli..", BASE + ".probe.agent..", BASE + ".democloud..")
                .and().doNotHaveFullyQualifiedName(BASE + ".Launcher")
                .should(com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .check(classes);
    }
}
