package be.helpline.insights.core.disclosure;

import be.helpline.insights.core.aggregation.DisclosurePolicy;
import be.helpline.insights.core.contacts.ContactTables;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.ContactScenarios;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class AuditTimingProbeTest {
  @Test
  void probe() {

    int n = Integer.parseInt(System.getenv().getOrDefault("PROBE_N", "300"));
    int months = Integer.parseInt(System.getenv().getOrDefault("PROBE_MONTHS", "6"));
    var facts = ContactScenarios.random(7, n, YearMonth.of(2019, 1), months);
    ContactTables tables =
        ContactTables.of(
            Vocabulary.standard(),
            YearMonth.of(2019, 1),
            YearMonth.of(2019, 1).plusMonths(months - 1));
    long[] counts = tables.count(facts, LocalDate.of(2021, 1, 31), 60);
    long start = System.nanoTime();
    var protection =
        new DisclosureControl(DisclosurePolicy.named("threshold5"))
            .protect(tables.tabulation(), counts);
    long ms = (System.nanoTime() - start) / 1_000_000;
    long audit0 = System.nanoTime();
    var report =
        new DisclosureControl(DisclosurePolicy.named("threshold5"))
            .audit(tables.tabulation(), protection.cells());
    System.err.println(
        "figures="
            + tables.tabulation().size()
            + " secondary="
            + protection.secondarySuppressions()
            + " lps="
            + protection.linearPrograms()
            + " protectMs="
            + ms
            + " auditMs="
            + (System.nanoTime() - audit0) / 1_000_000
            + " passed="
            + report.passed());
  }
}
