package be.helpline.insights.bench;

import be.helpline.insights.core.contacts.ContactFacts;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.disclosure.DisclosurePolicy;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The publication calendar replayed (SPEC section 6.1): five years of a programme's contacts, each
 * registered on its day, released by the aggregator on every day the calendar makes something due
 * (a month's counts, or its referral outcomes), the ledger carried from one release to the next as
 * the aggregator stores it. Per release: the {@code ContactStatistics.release} call's wall time,
 * the memory it took (see {@link Footprint}), what it released and withheld, the document's
 * suppressions and, optionally, the time of an audit of the whole ledger run again on its own
 * (about the share of the release spent in its own audit). The bar (issue): every release within 60
 * s and 1 GB of heap, its cost growing with the new release rather than with the history.
 *
 * <p>Usage: {@code ReleaseReplayBench [--contacts 7500,30000] [--releases N] [--audit] [--give-up
 * seconds] [--label name]}: {@code --releases} stops each data set after its first N releases (a
 * pilot); {@code --give-up} stops a data set after a release slower than that; the results go to
 * {@code bench/results/disclosure-replay-[name-]<date>.md} and {@code .json}.
 */
public final class ReleaseReplayBench {
  private static final YearMonth FIRST = YearMonth.of(2021, 1);
  private static final int MONTHS = 60;
  private static final long SEED = 2021;

  private ReleaseReplayBench() {}

  /** One release of one data set. */
  record Release(
      String dataSet,
      int index,
      String day,
      List<String> released,
      int withheld,
      int registered,
      double releaseMs,
      Double auditMs,
      Boolean auditPassed,
      double allocatedMb,
      double peakHeapMb,
      int primary,
      int secondary,
      int ledgerBytes) {}

  private record Options(
      List<Integer> contacts,
      int releases,
      boolean audit,
      double giveUpMs,
      String label,
      String command) {
    static Options parse(String[] args) {
      List<Integer> contacts = List.of(7500, 30000);
      int releases = Integer.MAX_VALUE;
      boolean audit = false;
      double giveUpMs = Double.POSITIVE_INFINITY;
      String label = "";
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--contacts" ->
              contacts =
                  Arrays.stream(args[++i].split(","))
                      .map(String::strip)
                      .map(Integer::valueOf)
                      .toList();
          case "--releases" -> releases = Integer.parseInt(args[++i]);
          case "--audit" -> audit = true;
          case "--give-up" -> giveUpMs = Double.parseDouble(args[++i]) * 1000;
          case "--label" -> label = args[++i] + "-";
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      return new Options(contacts, releases, audit, giveUpMs, label, String.join(" ", args));
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> machine = Machine.facts(java);
    List<Release> releases = new ArrayList<>();
    for (int contacts : options.contacts()) {
      replay(contacts, options, releases, root, machine);
    }
    write(root, machine, options, releases);
  }

  /**
   * Every day from the first month's counts through the last month's outcomes on which one is due.
   */
  static List<LocalDate> releaseDays() {
    TreeSet<LocalDate> days = new TreeSet<>();
    for (int m = 0; m < MONTHS; m++) {
      YearMonth month = FIRST.plusMonths(m);
      days.add(DisclosureBench.CALENDAR.countsRelease(month));
      days.add(DisclosureBench.CALENDAR.outcomesRelease(month));
    }
    return List.copyOf(days);
  }

  private static void replay(
      int n, Options options, List<Release> releases, Path root, List<String> machine)
      throws Exception {
    String name = String.format("%,d contacts over %d months", n, MONTHS);
    ContactStatistics statistics =
        new ContactStatistics(
            Vocabulary.standard(),
            DisclosurePolicy.named("threshold5"),
            DisclosureBench.CALENDAR,
            FIRST);
    List<ContactFacts> all = new ArrayList<>(ContactScenarios.random(SEED, n, FIRST, MONTHS));
    all.sort(Comparator.comparing(ContactFacts::contactDate));
    List<LocalDate> days = releaseDays();
    JsonNode ledger = null;
    Map<String, Long> counts = Map.of();
    int registered = 0;
    for (int index = 0; index < days.size() && index < options.releases(); index++) {
      LocalDate today = days.get(index);
      // The contacts registered before the run, each on its day.
      while (registered < all.size() && all.get(registered).contactDate().isBefore(today)) {
        registered++;
      }
      List<ContactFacts> facts = List.copyOf(all.subList(0, registered));
      Footprint footprint = Footprint.start();
      long start = System.nanoTime();
      ContactStatistics.Release release = statistics.release(ledger, counts, facts, today);
      double releaseMs = (System.nanoTime() - start) / 1e6;
      Footprint.Used used = footprint.stop();
      ObjectNode document = release.contacts();
      Double auditMs = null;
      Boolean passed = null;
      if (options.audit()) {
        start = System.nanoTime();
        passed = statistics.audit(document, facts, today).passed();
        auditMs = (System.nanoTime() - start) / 1e6;
      }
      // The next run reads the ledger back from storage.
      byte[] stored = Json.mapper().writeValueAsBytes(document);
      ledger = Json.mapper().readTree(stored);
      counts = release.counts();
      Release row =
          new Release(
              name,
              index + 1,
              today.toString(),
              release.released(),
              release.withheld().size(),
              registered,
              releaseMs,
              auditMs,
              passed,
              used.allocatedMb(),
              used.peakHeapMb(),
              DisclosureBench.suppressed(document, "primary"),
              DisclosureBench.suppressed(document, "secondary"),
              stored.length);
      releases.add(row);
      System.err.printf(
          "%s  release %3d/%d  %s  %-40s release %8.0f ms  audit %8s ms  allocated %7.0f MB"
              + "  peak heap %5.0f MB  %d primary  %d secondary  %d withheld%s%n",
          name,
          index + 1,
          days.size(),
          today,
          String.join(",", release.released()),
          releaseMs,
          auditMs == null ? "-" : String.format("%.0f", auditMs),
          used.allocatedMb(),
          used.peakHeapMb(),
          row.primary(),
          row.secondary(),
          row.withheld(),
          passed == null ? "" : passed ? "  passed" : "  FAILED");
      // Keep what was measured so far, should the run be stopped.
      write(root, machine, options, releases);
      if (releaseMs > options.giveUpMs()) {
        System.err.printf("%s: gave up after a release of %.0f s%n", name, releaseMs / 1000);
        break;
      }
    }
  }

  private static void write(
      Path root, List<String> machine, Options options, List<Release> releases) throws Exception {
    String name = "disclosure-replay-" + options.label() + LocalDate.now();
    StringBuilder md = new StringBuilder();
    md.append("# Disclosure control: the publication calendar replayed\n\n")
        .append("`ReleaseReplayBench ")
        .append(options.command())
        .append("`: contacts from `ContactScenarios.random(")
        .append(SEED)
        .append(", n, ")
        .append(FIRST)
        .append(", ")
        .append(MONTHS)
        .append(")`, each registered on its day; one `ContactStatistics.release` on every day ")
        .append("the calendar (30 days to settle, outcomes 90 days later) makes a month's counts ")
        .append("or outcomes due, the ledger carried over as stored. Release: the call's wall ")
        .append("time (protection and its own audit); peak heap: the heap pools' peak during it, ")
        .append("after a GC; audit: the whole ledger audited again on its own, after the release ")
        .append("(when measured). Bar: every release within 60 s and 1 GB of heap.\n\n")
        .append("| data set | releases | slowest release (ms) | on | its peak heap (MB) | ")
        .append("highest peak heap (MB) | median release (ms) | total (s) | median audit (ms) | ")
        .append("withheld | audits |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (String dataSet : releases.stream().map(Release::dataSet).distinct().toList()) {
      List<Release> own = releases.stream().filter(r -> r.dataSet().equals(dataSet)).toList();
      Release slowest = own.stream().max(Comparator.comparingDouble(Release::releaseMs)).get();
      List<Double> audits =
          own.stream().map(Release::auditMs).filter(java.util.Objects::nonNull).toList();
      long failed = own.stream().filter(r -> Boolean.FALSE.equals(r.auditPassed())).count();
      md.append(
          String.format(
              "| %s | %d | %.0f | %s (release %d) | %.0f | %.0f | %.0f | %.1f | %s | %d | %s |%n",
              dataSet,
              own.size(),
              slowest.releaseMs(),
              slowest.day(),
              slowest.index(),
              slowest.peakHeapMb(),
              own.stream().mapToDouble(Release::peakHeapMb).max().orElse(Double.NaN),
              Stats.quantile(own.stream().map(Release::releaseMs).toList(), 0.5),
              own.stream().mapToDouble(Release::releaseMs).sum() / 1000,
              audits.isEmpty() ? "-" : String.format("%.0f", Stats.quantile(audits, 0.5)),
              own.stream().mapToInt(Release::withheld).sum(),
              audits.isEmpty() ? "not run" : failed == 0 ? "passed" : failed + " FAILED"));
    }
    md.append("\nBy the year of the release day (the history grows by a year each January):\n\n")
        .append("| data set | year | releases | median release (ms) | slowest (ms) | median audit ")
        .append("(ms) | highest peak heap (MB) | median allocated (MB) |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    for (String dataSet : releases.stream().map(Release::dataSet).distinct().toList()) {
      List<Release> own = releases.stream().filter(r -> r.dataSet().equals(dataSet)).toList();
      for (String year : own.stream().map(r -> r.day().substring(0, 4)).distinct().toList()) {
        List<Release> of = own.stream().filter(r -> r.day().startsWith(year)).toList();
        List<Double> audits =
            of.stream().map(Release::auditMs).filter(java.util.Objects::nonNull).toList();
        md.append(
            String.format(
                "| %s | %s | %d | %.0f | %.0f | %s | %.0f | %.0f |%n",
                dataSet,
                year,
                of.size(),
                Stats.quantile(of.stream().map(Release::releaseMs).toList(), 0.5),
                of.stream().mapToDouble(Release::releaseMs).max().orElse(Double.NaN),
                audits.isEmpty() ? "-" : String.format("%.0f", Stats.quantile(audits, 0.5)),
                of.stream().mapToDouble(Release::peakHeapMb).max().orElse(Double.NaN),
                Stats.quantile(of.stream().map(Release::allocatedMb).toList(), 0.5)));
      }
    }
    md.append("\nEvery release (`.json` has them all):\n\n")
        .append("| data set | # | day | released | release (ms) | audit (ms) | peak heap (MB) | ")
        .append("allocated (MB) | primary | secondary | withheld |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Release r : releases) {
      md.append(
          String.format(
              "| %s | %d | %s | %s | %.0f | %s | %.0f | %.0f | %d | %d | %d |%n",
              r.dataSet(),
              r.index(),
              r.day(),
              String.join(", ", r.released()),
              r.releaseMs(),
              r.auditMs() == null ? "-" : String.format("%.0f", r.auditMs()),
              r.peakHeapMb(),
              r.allocatedMb(),
              r.primary(),
              r.secondary(),
              r.withheld()));
    }
    md.append("\nMachine:\n\n");
    machine.forEach(fact -> md.append("- ").append(fact).append('\n'));
    md.append("- max heap: ").append(Runtime.getRuntime().maxMemory() / 1048576).append(" MB\n");
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("command", options.command());
    ArrayNode facts = json.putArray("machine");
    machine.forEach(facts::add);
    json.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576);
    ArrayNode all = json.putArray("releases");
    for (Release release : releases) {
      all.add(Json.mapper().<JsonNode>valueToTree(release));
    }
    Path results = Files.createDirectories(root.resolve("bench/results"));
    Files.writeString(results.resolve(name + ".md"), md.toString());
    Files.writeString(
        results.resolve(name + ".json"),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
  }
}
