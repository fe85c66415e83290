package be.helpline.insights.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import be.helpline.insights.core.counter.CounterKey;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("be.helpline.insights.core");

  @Test
  void core_importsNoAwsSdkAndNoLambdaRuntime() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("software.amazon..", "com.amazonaws..")
        .because("core is the domain: AWS lives in the adapters (STYLE: dependencies point inward)")
        .check(CORE);
  }

  @Test
  void core_doesNotReachIntoAdaptersOrHandlers() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "be.helpline.insights.aws..",
            "be.helpline.insights.beacon..",
            "be.helpline.insights.click..",
            "be.helpline.insights.registration..",
            "be.helpline.insights.aggregator..",
            "be.helpline.insights.local..")
        .check(CORE);
  }

  @Test
  void counterKeys_areBuiltOnlyFromConfigurationInOnePlace() {
    // A storage key from anything a request names would let a sender mint items (and tag visits
    // one by one): core writes counters only under keys CounterKey's factories build.
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(CounterKey.class.getName())
        .should()
        .callConstructor(CounterKey.class, String.class, String.class, java.time.LocalDate.class)
        .because("CounterKey.of and CounterKey.unattributed are the one place keys are built")
        .check(CORE);
  }
}
