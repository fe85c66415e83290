package be.helpline.insights.bench;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.release.ReleaseCalendar;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What disclosure control costs an aggregator run: for each data set, the time and the memory
 * allocated to release the contact statistics (one first release of everything due on the data
 * set's day, from an empty ledger: protection and the release's own audit) and to audit the result
 * again on its own, with the suppressions it made and whether the audit passed. Data sets are
 * interleaved round by round, so their times compare within one run. Usage: {@code DisclosureBench
 * [rounds] [facts.tsv day]}: the optional file adds a data set of contacts dumped as tab-separated
 * lines, one contact each (date, channel, callerGroup, gender, ageBand, howHeard, firstContact,
 * risk, pastOffences, topics comma-separated, centreType, region, outcome, referred 1/0; "-" for
 * none), released as of {@code day} from the month of its first contact: the demo history as the
 * runner stores it, say.
 */
public final class DisclosureBench {
  private DisclosureBench() {}

  /** The calendar of the aggregator's defaults: 30 days to settle, outcomes 90 days later. */
  static final ReleaseCalendar CALENDAR = new ReleaseCalendar(30, 90);

  /** Contacts from {@code start}, everything due on {@code today} released at once. */
  private record DataSet(
      String name, List<ContactFacts> facts, String policy, YearMonth start, LocalDate today) {}

  private record Sample(
      String dataSet,
      int round,
      double protectMs,
      double auditMs,
      double allocatedMb,
      double peakHeapMb,
      int primary,
      int secondary,
      boolean passed) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> machine = Machine.facts(java);
    // Every month of 2019-2020 released, outcomes included (and with them 2021's first months,
    // empty): the first day on which December 2020's outcomes are due.
    LocalDate all2020 = CALENDAR.outcomesRelease(YearMonth.of(2020, 12));
    YearMonth start = YearMonth.of(2019, 1);
    List<DataSet> dataSets =
        new ArrayList<>(
            List.of(
                new DataSet(
                    "Flemish 2020 (1,500 contacts, 12 months)",
                    ContactScenarios.flemish2020(2020),
                    "threshold5",
                    YearMonth.of(2020, 1),
                    all2020),
                new DataSet(
                    "random 3,000 over 24 months",
                    ContactScenarios.random(7, 3000, start, 24),
                    "threshold5",
                    start,
                    all2020),
                new DataSet(
                    "random 1,000 over 24 months",
                    ContactScenarios.random(7, 1000, start, 24),
                    "threshold5",
                    start,
                    all2020),
                new DataSet(
                    "random 600 over 24 months",
                    ContactScenarios.random(7, 600, start, 24),
                    "threshold5",
                    start,
                    all2020),
                new DataSet(
                    "random 1,000 over 24 months, round5",
                    ContactScenarios.random(7, 1000, start, 24),
                    "round5",
                    start,
                    all2020),
                new DataSet(
                    "random 1,000 over 2019-2020, released as of 2026-11-29",
                    ContactScenarios.random(7, 1000, start, 24),
                    "threshold5",
                    start,
                    LocalDate.of(2026, 11, 29))));
    if (args.length > 2) {
      List<ContactFacts> dumped = read(Path.of(args[1]));
      dataSets.add(
          new DataSet(
              "contacts of " + Path.of(args[1]).getFileName() + ", released as of " + args[2],
              dumped,
              "threshold5",
              dumped.stream()
                  .map(f -> YearMonth.from(f.contactDate()))
                  .min(YearMonth::compareTo)
                  .orElse(start),
              LocalDate.parse(args[2])));
    }
    List<Sample> samples = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (DataSet dataSet : dataSets) {
        Sample sample = measure(dataSet, round);
        samples.add(sample);
        System.err.printf(
            "round %d/%d  %-58s protect %7.0f ms  audit %7.0f ms  allocated %6.0f MB  peak heap"
                + " %5.0f MB  %d secondary  %s%n",
            round,
            rounds,
            dataSet.name(),
            sample.protectMs(),
            sample.auditMs(),
            sample.allocatedMb(),
            sample.peakHeapMb(),
            sample.secondary(),
            sample.passed() ? "passed" : "FAILED");
      }
    }
    write(root, machine, rounds, dataSets, samples);
  }

  private static List<ContactFacts> read(Path file) throws java.io.IOException {
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
              f[9] == null ? java.util.Set.of() : java.util.Set.of(f[9].split(",")),
              "1".equals(f[13]) ? new ContactFacts.Referral(f[10], f[11], f[12]) : null));
    }
    return facts;
  }

  private static Sample measure(DataSet dataSet, int round) {
    ContactStatistics statistics =
        new ContactStatistics(
            Vocabulary.standard(),
            DisclosurePolicy.named(dataSet.policy()),
            CALENDAR,
            dataSet.start());
    Footprint footprint = Footprint.start();
    long start = System.nanoTime();
    ObjectNode document = statistics.document(dataSet.facts(), dataSet.today());
    double protectMs = (System.nanoTime() - start) / 1e6;
    start = System.nanoTime();
    boolean passed = statistics.audit(document, dataSet.facts(), dataSet.today()).passed();
    double auditMs = (System.nanoTime() - start) / 1e6;
    Footprint.Used used = footprint.stop();
    return new Sample(
        dataSet.name(),
        round,
        protectMs,
        auditMs,
        used.allocatedMb(),
        used.peakHeapMb(),
        suppressed(document, "primary"),
        suppressed(document, "secondary"),
        passed);
  }

  static int suppressed(JsonNode document, String kind) {
    return (int)
        document.findValues("suppressed").stream().filter(s -> s.asText().equals(kind)).count();
  }

  private static void write(
      Path root, List<String> machine, int rounds, List<DataSet> dataSets, List<Sample> samples)
      throws Exception {
    String name = "disclosure-" + LocalDate.now();
    StringBuilder md = new StringBuilder();
    md.append("# Disclosure control: protect and audit the contact statistics\n\n")
        .append("`make bench-disclosure ROUNDS_DISCLOSURE=")
        .append(rounds)
        .append("`; data sets interleaved round by round; medians over the rounds. Protect: ")
        .append("`ContactStatistics.document` (one first release of everything due on the data ")
        .append("set's day, its own audit included); audit: `ContactStatistics.audit` of that ")
        .append("document, run again on its own. Allocated: ")
        .append("what the protecting and auditing thread allocated (garbage included); peak ")
        .append("heap: the most the heap pools held at once (after a GC before each sample; an ")
        .append("upper bound on what the run needs, since the collector ran only when it had ")
        .append("to).\n\n")
        .append("| data set | contacts | protect (ms) | audit (ms) | allocated (MB) | peak heap ")
        .append("(MB) | primary | secondary | audit |\n|---|---|---|---|---|---|---|---|---|\n");
    Map<String, List<Sample>> byDataSet = new LinkedHashMap<>();
    for (Sample sample : samples) {
      byDataSet.computeIfAbsent(sample.dataSet(), k -> new ArrayList<>()).add(sample);
    }
    for (DataSet dataSet : dataSets) {
      List<Sample> own = byDataSet.get(dataSet.name());
      md.append(
          String.format(
              "| %s | %d | %.0f | %.0f | %.0f | %.0f | %d | %d | %s |%n",
              dataSet.name(),
              dataSet.facts().size(),
              Stats.quantile(own.stream().map(Sample::protectMs).toList(), 0.5),
              Stats.quantile(own.stream().map(Sample::auditMs).toList(), 0.5),
              Stats.quantile(own.stream().map(Sample::allocatedMb).toList(), 0.5),
              Stats.quantile(own.stream().map(Sample::peakHeapMb).toList(), 0.5),
              own.get(0).primary(),
              own.get(0).secondary(),
              own.stream().allMatch(Sample::passed) ? "passed" : "FAILED"));
    }
    md.append("\nMachine:\n\n");
    machine.forEach(fact -> md.append("- ").append(fact).append('\n'));
    md.append("- max heap: ").append(Runtime.getRuntime().maxMemory() / 1048576).append(" MB\n");
    md.append("- data sets: ");
    for (DataSet dataSet : dataSets) {
      md.append(dataSet.name()).append(" from ").append(dataSet.start()).append(" as of ");
      md.append(dataSet.today()).append("; ");
    }
    md.append('\n');
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("rounds", rounds);
    ArrayNode facts = json.putArray("machine");
    machine.forEach(facts::add);
    ArrayNode all = json.putArray("samples");
    for (Sample sample : samples) {
      JsonNode node = Json.mapper().valueToTree(sample);
      all.add(node);
    }
    Path results = Files.createDirectories(root.resolve("bench/results"));
    Files.writeString(results.resolve(name + ".md"), md.toString());
    Files.writeString(
        results.resolve(name + ".json"),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    System.err.println("wrote bench/results/" + name + ".md and .json");
  }
}
