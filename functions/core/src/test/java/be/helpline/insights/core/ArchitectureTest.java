package be.helpline.insights.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import be.helpline.insights.core.counter.CounterHistory;
import be.helpline.insights.core.counter.CounterKey;
import be.helpline.insights.core.counter.DailyCounterStore;
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
  void corePackages_dependOnEachOtherWithoutCycles() {
    // aggregation -> campaign -> contacts, traffic -> site -> counter -> json -> error, and the
    // small shared types (DisclosurePolicy, LandingCounters, CampaignTags) where the arrows point.
    slices().matching("be.helpline.insights.core.(*)..").should().beFreeOfCycles().check(CORE);
  }

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

  private static final String HISTORY =
      CounterHistory.class.getName().replace(".", "\\.") + "(\\$.*)?";

  @Test
  void counterKeys_areBuiltOnlyFromConfigurationInOnePlace() {
    // A storage key from anything a request names would let a sender mint items (and tag visits
    // one by one): core writes counters only under keys CounterKey's factories build.
    // CounterHistory only reads back keys the store returned (the closed days it keeps); it never
    // writes a counter.
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(CounterKey.class.getName())
        .and()
        .haveNameNotMatching(HISTORY)
        .should()
        .callConstructor(CounterKey.class, String.class, String.class, java.time.LocalDate.class)
        .because("CounterKey.of and CounterKey.unattributed are the one place keys are built")
        .check(CORE);
    noClasses()
        .that()
        .haveNameMatching(HISTORY)
        .should()
        .callMethod(DailyCounterStore.class, "add", CounterKey.class, java.util.Map.class)
        .because("the counter history reads counters and never writes one")
        .check(CORE);
  }
}
