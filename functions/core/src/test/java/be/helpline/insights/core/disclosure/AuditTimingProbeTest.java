package be.helpline.insights.core.disclosure;

import be.helpline.insights.core.aggregation.DisclosurePolicy;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.ContactScenarios;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A measurement at realistic size (run with PROBE=1; PROBE_FLEMISH=1 for the Flemish year, else
 * PROBE_N contacts over PROBE_MONTHS months): prints the times; fails if the audit does.
 */
class AuditTimingProbeTest {
  @Test
  void probe() {
    Assumptions.assumeTrue(System.getenv("PROBE") != null, "set PROBE=1 to measure");
    int n = Integer.parseInt(System.getenv().getOrDefault("PROBE_N", "1500"));
    int months = Integer.parseInt(System.getenv().getOrDefault("PROBE_MONTHS", "24"));
    var facts =
        System.getenv("PROBE_FLEMISH") != null
            ? ContactScenarios.flemish2020(2020)
            : ContactScenarios.random(7, n, YearMonth.of(2019, 1), months);
    ContactStatistics statistics =
        new ContactStatistics(
            Vocabulary.standard(),
            DisclosurePolicy.named(System.getenv().getOrDefault("PROBE_POLICY", "threshold5")),
            90);
    long start = System.nanoTime();
    var document = statistics.document(facts, LocalDate.of(2021, 1, 31));
    long protect = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    var report = statistics.audit(document, facts, LocalDate.of(2021, 1, 31));
    long audit = (System.nanoTime() - start) / 1_000_000;
    System.err.println(
        "PROBE contacts="
            + facts.size()
            + " protectMs="
            + protect
            + " auditMs="
            + audit
            + " passed="
            + report.passed()
            + " recoverable="
            + report.recoverable().size()
            + " "
            + report.recoverable().stream().limit(80).toList()
            + " secondary="
            + document.toString().split("\"secondary\"", -1).length);
    org.assertj.core.api.Assertions.assertThat(report.passed()).isTrue();
  }
}
