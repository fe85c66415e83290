package be.helpline.insights.bench;

import be.helpline.insights.core.aggregation.DisclosurePolicy;
import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.ContactScenarios;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * commons-math3 against Hipparchus as the disclosure engine's simplex solver (system property
 * {@code insights.simplex}, read by each new audit), interleaved in one JVM: the Flemish year
 * released at once and audited, round by round with the order of the solvers alternating; and the
 * first releases of the replay, each release day run by both solvers from the same ledger (order
 * alternating), the documents compared. Usage: {@code SolverBench [rounds] [releases]}.
 */
public final class SolverBench {
  private static final List<String> SOLVERS = List.of("commons-math3", "hipparchus");

  private SolverBench() {}

  record Sample(
      String test,
      String solver,
      int round,
      String day,
      double releaseMs,
      double auditMs,
      double allocatedMb,
      int primary,
      int secondary,
      boolean passed,
      boolean sameAsOther) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int releases = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
    List<String> machine = Machine.facts(ProcessHandle.current().info().command().orElse("java"));
    List<Sample> samples = new ArrayList<>();
    flemish(rounds, samples);
    for (int n : List.of(7500, 30000)) {
      replay(n, releases, samples);
    }
    write(root, machine, rounds, releases, samples);
  }

  private static List<String> order(int round) {
    return round % 2 == 0 ? SOLVERS : SOLVERS.reversed();
  }

  private static void flemish(int rounds, List<Sample> samples) {
    List<ContactFacts> facts = ContactScenarios.flemish2020(2020);
    LocalDate today = DisclosureBench.CALENDAR.outcomesRelease(YearMonth.of(2020, 12));
    ContactStatistics statistics =
        new ContactStatistics(
            Vocabulary.standard(),
            DisclosurePolicy.named("threshold5"),
            DisclosureBench.CALENDAR,
            YearMonth.of(2020, 1));
    for (int round = 1; round <= rounds; round++) {
      List<ObjectNode> documents = new ArrayList<>();
      List<Sample> own = new ArrayList<>();
      for (String solver : order(round)) {
        System.setProperty("insights.simplex", solver);
        Footprint footprint = Footprint.start();
        long start = System.nanoTime();
        ObjectNode document = statistics.document(facts, today);
        double releaseMs = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        boolean passed = statistics.audit(document, facts, today).passed();
        double auditMs = (System.nanoTime() - start) / 1e6;
        Footprint.Used used = footprint.stop();
        documents.add(document);
        own.add(
            new Sample(
                "Flemish 2020, one release",
                solver,
                round,
                today.toString(),
                releaseMs,
                auditMs,
                used.allocatedMb(),
                DisclosureBench.suppressed(document, "primary"),
                DisclosureBench.suppressed(document, "secondary"),
                passed,
                false));
      }
      boolean same = documents.get(0).equals(documents.get(1));
      for (Sample s : own) {
        samples.add(withSame(s, same));
        log(s, same);
      }
    }
  }

  private static void replay(int n, int releases, List<Sample> samples) throws Exception {
    String test = String.format("replay of %,d contacts, first %d releases", n, releases);
    ContactStatistics statistics =
        new ContactStatistics(
            Vocabulary.standard(),
            DisclosurePolicy.named("threshold5"),
            DisclosureBench.CALENDAR,
            YearMonth.of(2021, 1));
    List<ContactFacts> all =
        new ArrayList<>(ContactScenarios.random(2021, n, YearMonth.of(2021, 1), 60));
    all.sort(Comparator.comparing(ContactFacts::contactDate));
    List<LocalDate> days = ReleaseReplayBench.releaseDays();
    JsonNode ledger = null;
    for (int index = 0; index < releases && index < days.size(); index++) {
      LocalDate today = days.get(index);
      List<ContactFacts> facts = all.stream().filter(f -> f.contactDate().isBefore(today)).toList();
      List<ObjectNode> documents = new ArrayList<>();
      List<Sample> own = new ArrayList<>();
      for (String solver : order(index)) {
        System.setProperty("insights.simplex", solver);
        Footprint footprint = Footprint.start();
        long start = System.nanoTime();
        ObjectNode document = statistics.release(ledger, facts, today).contacts();
        double releaseMs = (System.nanoTime() - start) / 1e6;
        Footprint.Used used = footprint.stop();
        start = System.nanoTime();
        boolean passed = statistics.audit(document, facts, today).passed();
        double auditMs = (System.nanoTime() - start) / 1e6;
        documents.add(document);
        own.add(
            new Sample(
                test,
                solver,
                index + 1,
                today.toString(),
                releaseMs,
                auditMs,
                used.allocatedMb(),
                DisclosureBench.suppressed(document, "primary"),
                DisclosureBench.suppressed(document, "secondary"),
                passed,
                false));
      }
      boolean same = documents.get(0).equals(documents.get(1));
      for (Sample s : own) {
        samples.add(withSame(s, same));
        log(s, same);
      }
      // Both go on from the reference solver's ledger, read back as stored.
      ObjectNode reference =
          own.get(0).solver().equals(SOLVERS.get(0)) ? documents.get(0) : documents.get(1);
      ledger = Json.mapper().readTree(Json.mapper().writeValueAsBytes(reference));
    }
  }

  private static Sample withSame(Sample s, boolean same) {
    return new Sample(
        s.test(),
        s.solver(),
        s.round(),
        s.day(),
        s.releaseMs(),
        s.auditMs(),
        s.allocatedMb(),
        s.primary(),
        s.secondary(),
        s.passed(),
        same);
  }

  private static void log(Sample s, boolean same) {
    System.err.printf(
        "%-45s %-14s %3d %s  release %7.0f ms  audit %7.0f ms  allocated %6.0f MB  %d primary"
            + "  %d secondary  %s  %s%n",
        s.test(),
        s.solver(),
        s.round(),
        s.day(),
        s.releaseMs(),
        s.auditMs(),
        s.allocatedMb(),
        s.primary(),
        s.secondary(),
        s.passed() ? "passed" : "FAILED",
        same ? "same document" : "DIFFERENT document");
  }

  private static void write(
      Path root, List<String> machine, int rounds, int releases, List<Sample> samples)
      throws Exception {
    String name = "disclosure-solvers-" + LocalDate.now();
    StringBuilder md = new StringBuilder();
    md.append("# Disclosure control: commons-math3 against Hipparchus as the simplex solver\n\n")
        .append("`SolverBench ")
        .append(rounds)
        .append(' ')
        .append(releases)
        .append("`, one JVM, the solver chosen per release by the system property ")
        .append("`insights.simplex`, the order of the two alternating. Flemish 2020: one ")
        .append("release of the whole year (`ContactStatistics.document`), then its audit on its ")
        .append("own, per round. Replay: the first releases of `ReleaseReplayBench`, each day run ")
        .append("by both solvers from the same ledger (commons-math3's, read back). Times are the ")
        .append("sums (replay) or medians (Flemish) of the wall times; same: the two documents ")
        .append("were equal (every figure and suppression).\n\n")
        .append("| test | solver | samples | release (ms) | audit (ms) | allocated (MB) | ")
        .append("primary | secondary | audits | same documents |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (String test : samples.stream().map(Sample::test).distinct().toList()) {
      for (String solver : SOLVERS) {
        List<Sample> own =
            samples.stream()
                .filter(s -> s.test().equals(test) && s.solver().equals(solver))
                .toList();
        boolean replay = test.startsWith("replay");
        md.append(
            String.format(
                "| %s | %s | %d | %.0f | %.0f | %.0f | %d | %d | %s | %d of %d |%n",
                test,
                solver,
                own.size(),
                replay
                    ? own.stream().mapToDouble(Sample::releaseMs).sum()
                    : Stats.quantile(own.stream().map(Sample::releaseMs).toList(), 0.5),
                replay
                    ? own.stream().mapToDouble(Sample::auditMs).sum()
                    : Stats.quantile(own.stream().map(Sample::auditMs).toList(), 0.5),
                replay
                    ? own.stream().mapToDouble(Sample::allocatedMb).sum()
                    : Stats.quantile(own.stream().map(Sample::allocatedMb).toList(), 0.5),
                own.getLast().primary(),
                own.getLast().secondary(),
                own.stream().allMatch(Sample::passed) ? "passed" : "FAILED",
                own.stream().filter(Sample::sameAsOther).count(),
                own.size()));
      }
    }
    md.append("\nMachine:\n\n");
    machine.forEach(fact -> md.append("- ").append(fact).append('\n'));
    md.append("- max heap: ").append(Runtime.getRuntime().maxMemory() / 1048576).append(" MB\n");
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("rounds", rounds);
    json.put("releases", releases);
    ArrayNode facts = json.putArray("machine");
    machine.forEach(facts::add);
    ArrayNode all = json.putArray("samples");
    samples.forEach(s -> all.add(Json.mapper().<JsonNode>valueToTree(s)));
    Path results = Files.createDirectories(root.resolve("bench/results"));
    Files.writeString(results.resolve(name + ".md"), md.toString());
    Files.writeString(
        results.resolve(name + ".json"),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    System.err.println("wrote bench/results/" + name + ".md and .json");
  }
}
