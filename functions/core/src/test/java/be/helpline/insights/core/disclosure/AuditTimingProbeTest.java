package be.helpline.insights.core.disclosure;

import be.helpline.insights.core.aggregation.DisclosurePolicy;
import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.ContactScenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A measurement at realistic size (run with PROBE=1; PROBE_FLEMISH=1 for the Flemish year,
 * PROBE_FACTS=file for facts dumped as tab-separated lines, one contact each: date, channel,
 * callerGroup, gender, ageBand, howHeard, firstContact, risk, pastOffences, topics
 * (comma-separated), centreType, region, outcome, referred (1/0), "-" for none; else PROBE_N
 * contacts over PROBE_MONTHS months): prints the times; fails if the audit does.
 */
class AuditTimingProbeTest {
  private static List<ContactFacts> read(Path file) throws IOException {
    List<ContactFacts> facts = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\t", -1);
      for (int i = 0; i < f.length; i++) {
        f[i] = f[i].equals("-") ? null : f[i];
      }
      facts.add(
          new ContactFacts(
              LocalDate.parse(f[0]),
              f[1],
              f[2],
              f[3],
              f[4],
              f[5],
              f[6],
              f[7],
              f[8],
              f[9] == null ? Set.of() : Set.of(f[9].split(",")),
              "1".equals(f[13]) ? new ContactFacts.Referral(f[10], f[11], f[12]) : null));
    }
    return facts;
  }

  @Test
  void probe() throws IOException {
    Assumptions.assumeTrue(System.getenv("PROBE") != null, "set PROBE=1 to measure");
    int n = Integer.parseInt(System.getenv().getOrDefault("PROBE_N", "1500"));
    int months = Integer.parseInt(System.getenv().getOrDefault("PROBE_MONTHS", "24"));
    List<ContactFacts> facts =
        System.getenv("PROBE_FACTS") != null
            ? read(Path.of(System.getenv("PROBE_FACTS")))
            : System.getenv("PROBE_FLEMISH") != null
                ? ContactScenarios.flemish2020(2020)
                : ContactScenarios.random(7, n, YearMonth.of(2019, 1), months);
    ContactStatistics statistics =
        new ContactStatistics(
            Vocabulary.standard(),
            DisclosurePolicy.named(System.getenv().getOrDefault("PROBE_POLICY", "threshold5")),
            90);
    long start = System.nanoTime();
    LocalDate through =
        LocalDate.parse(System.getenv().getOrDefault("PROBE_THROUGH", "2021-01-31"));
    var document = statistics.document(facts, through);
    long protect = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    var report = statistics.audit(document, facts, through);
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
