package be.helpline.insights.core.contacts;

import be.helpline.insights.core.disclosure.Cell;
import be.helpline.insights.core.disclosure.DisclosureControl;
import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.disclosure.Suppression;
import be.helpline.insights.core.disclosure.Tabulation;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.snapshot.SnapshotFile;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Use case: the published statistics of registered contacts, released by closed period (SPEC
 * section 6.1). Extends the publication ledger ({@code contacts.json} as published last) with what
 * the calendar makes due, protected and audited together with everything released before, and
 * renders from that document alone the CSV tables and the written reports.
 */
public final class ContactStatistics {
  /** At most this many rounds of suppressing more before everything new is withheld. */
  private static final int FALLBACK_ROUNDS = 6;

  private final Vocabulary vocabulary;
  private final DisclosurePolicy policy;
  private final ReleaseCalendar calendar;
  private final YearMonth start;

  /**
   * @param calendar when a month's counts and its outcomes are released; a referral without an
   *     answer from the centre counts as {@code UNCONFIRMED} (in the arrival rate's denominator)
   * @param start the first month of the calendar (the programme's start)
   */
  public ContactStatistics(
      Vocabulary vocabulary, DisclosurePolicy policy, ReleaseCalendar calendar, YearMonth start) {
    this.vocabulary = vocabulary;
    this.policy = policy;
    this.calendar = calendar;
    this.start = start;
  }

  /** Thrown when the published document lets a suppressed count be recovered. */
  public static final class AuditFailedException extends IllegalStateException {
    public AuditFailedException(DisclosureControl.AuditReport report) {
      super(
          "disclosure audit failed: recoverable "
              + report.recoverable()
              + ", against the policy "
              + report.breakingPolicy()
              + (report.consistent() ? "" : ", published figures contradict each other"));
    }
  }

  /**
   * What a run publishes of contacts: the ledger as it stands after this run ({@code contacts.json}
   * itself), the periods (or {@code <period>/outcomes}) it released and those it withheld for good.
   */
  public record Release(
      ObjectNode contacts,
      List<String> released,
      List<Ledger.Withheld> withheld,
      Map<String, Long> counts) {
    /**
     * @param counts the true count of every figure of {@code contacts}, by id: never published,
     *     kept privately beside the ledger for the next release (see {@link #release(JsonNode, Map,
     *     List, LocalDate)})
     */
    public Release {
      counts = Map.copyOf(counts);
    }

    public boolean changed() {
      return !released.isEmpty() || !withheld.isEmpty();
    }
  }

  /**
   * Releases what the calendar makes due on {@code today} (SPEC section 6.1). {@code ledger} is the
   * contacts.json published last (null before the first release): its figures are constants of the
   * new release, which is protected and audited together with them, so the audit of the returned
   * document audits everything ever published. Where protection leaves a figure recoverable, more
   * is suppressed (the whole table in that period), then the period is withheld for good (and with
   * it every period summing over it); traffic and campaigns never wait for it. Nothing due: the
   * ledger as it was.
   */
  public Release release(JsonNode ledger, List<ContactFacts> facts, LocalDate today) {
    return release(ledger, Map.of(), facts, today);
  }

  /**
   * {@link #release(JsonNode, List, LocalDate)} with the true counts of the released figures as
   * they were when released ({@code releasedCounts}, by figure id: {@link Release#counts()} of the
   * release that wrote the ledger). Those counts, not the registrations, stand for released
   * figures, and new quarters, years and all-throughs are sums of their parts: a registration that
   * expired (RETENTION_DAYS) or was removed from storage after its month's release leaves the next
   * releases as they would have been. Without them (an empty map) everything is counted from {@code
   * facts}, which then must still hold every released month.
   */
  public Release release(
      JsonNode ledger,
      Map<String, Long> releasedCounts,
      List<ContactFacts> facts,
      LocalDate today) {
    JsonNode stored = ledger;
    ledger = ledger == null ? null : asOf(ledger, today);
    ContactsDocument.Published before =
        ledger == null ? null : ContactsDocument.read(ledger, vocabulary);
    Map<String, Long> known = known(before, releasedCounts);
    DisclosurePolicy applied = before == null ? policy : before.policy();
    Ledger record = before == null ? Ledger.empty(calendar) : before.ledger();
    // The calendar starts where the ledger started, whatever the configuration says now.
    YearMonth start = before == null ? this.start : before.tables().layout().start();
    YearMonth beforeStart = start.minusMonths(1);
    YearMonth countsThrough = latest(calendar.lastCountsReleased(today), beforeStart);
    YearMonth outcomesThrough = latest(calendar.lastOutcomesReleased(today), beforeStart);
    if (before != null) {
      ContactTables.Layout was = before.tables().layout();
      countsThrough = latest(countsThrough, was.countsThrough());
      outcomesThrough = latest(outcomesThrough, was.outcomesThrough());
      if (countsThrough.equals(was.countsThrough())
          && outcomesThrough.equals(was.outcomesThrough())) {
        return new Release(
            ledger == stored
                ? (ObjectNode) ledger
                : ContactsDocument.render(
                    before.tables(), before.cells(), before.policy(), before.ledger()),
            List.of(),
            List.of(),
            known);
      }
    }
    Set<String> withheld = new TreeSet<>(record.withheldNames());
    List<Ledger.Withheld> newlyWithheld = new ArrayList<>();
    Map<String, Suppression> forced = new HashMap<>();
    Set<String> exposedBefore = new TreeSet<>();
    for (int round = 0; ; round++) {
      ContactTables tables =
          ContactTables.of(
              vocabulary,
              new ContactTables.Layout(start, countsThrough, outcomesThrough, withheld));
      for (String implicit : tables.implicitlyWithheld()) {
        if (withheld.add(implicit)) {
          newlyWithheld.add(
              new Ledger.Withheld(implicit, today, "sums over a period withheld for good"));
        }
      }
      Tabulation tabulation = tables.tabulation();
      long[] counts = tables.count(facts, today, calendar.outcomeDays(), known);
      Cell[] fixed = released(before, tabulation);
      List<String> fresh = fresh(before, tables);
      if (fresh.isEmpty()) {
        // Everything due was withheld: the figures are those released before.
        return new Release(
            ContactsDocument.render(
                tables,
                java.util.Arrays.asList(fixed),
                applied,
                record.after(today, tables.periods(), calendar, newlyWithheld)),
            List.of(),
            List.copyOf(newlyWithheld),
            counts(tabulation, counts, java.util.Arrays.asList(fixed)));
      }
      // (Figures of periods withheld since are no longer laid out.)
      for (Map.Entry<String, Suppression> cell : forced.entrySet()) {
        if (tabulation.has(cell.getKey())) {
          fixed[tabulation.index(cell.getKey())] = Cell.suppressed(cell.getValue());
        }
      }
      List<String> failing;
      ObjectNode document = null;
      try {
        DisclosureControl control = new DisclosureControl(applied);
        List<Integer> exposed = new ArrayList<>();
        for (String id : exposedBefore) {
          if (tabulation.has(id)) {
            exposed.add(tabulation.index(id));
          }
        }
        DisclosureControl.Protection protection =
            control.protect(tabulation, counts, fixed, exposed);
        document =
            ContactsDocument.render(
                tables,
                protection.cells(),
                applied,
                record.after(today, tables.periods(), calendar, newlyWithheld));
        // The gate audits the document as it will be published, read back, with everything
        // released before (audited when it was released) as the intruder holds it.
        ContactsDocument.Published published = ContactsDocument.read(document, vocabulary);
        DisclosureControl.AuditReport report =
            before == null
                ? control.audit(published.tables().tabulation(), published.cells(), counts)
                : control.audit(
                    published.tables().tabulation(),
                    published.cells(),
                    counts,
                    before.tables().tabulation(),
                    before.cells());
        if (report.passed()) {
          return new Release(
              document,
              fresh,
              List.copyOf(newlyWithheld),
              counts(tabulation, counts, protection.cells()));
        }
        failing = new ArrayList<>(report.recoverable());
        failing.addAll(report.breakingPolicy());
      } catch (IllegalStateException e) {
        // The true counts contradict the released figures: nothing new can be protected.
        failing = List.of();
      }
      // Released figures the new ones exposed: protection tries again, aiming at them.
      List<String> newlyExposed =
          failing.stream().filter(id -> !isNew(id, fresh) && !exposedBefore.contains(id)).toList();
      if (!newlyExposed.isEmpty() && round < FALLBACK_ROUNDS) {
        exposedBefore.addAll(newlyExposed);
        continue;
      }
      if (!suppressMore(failing, fresh, forced, counts, tabulation, tables, round)) {
        withhold(failing, fresh, tables, withheld, newlyWithheld, today, round);
      }
    }
  }

  /**
   * The ledger as it stood on {@code today}: what was released after it is set aside. A clock never
   * goes back in production, where this returns the ledger itself; on the local runner, whose clock
   * tests move, it keeps the ledger consistent with the day a run believes it is (a history
   * registered after a run at a later date is released on its own dates).
   */
  private static JsonNode asOf(JsonNode ledger, LocalDate today) {
    boolean later = false;
    for (JsonNode period : ledger.path("periods")) {
      later |=
          after(period.path("released"), today) || after(period.path("outcomesReleased"), today);
    }
    for (JsonNode withheld : ledger.path("withheld")) {
      later |= after(withheld.path("on"), today);
    }
    if (!later) {
      return ledger;
    }
    ObjectNode trimmed = ledger.deepCopy();
    YearMonth counts = null;
    YearMonth outcomes = null;
    com.fasterxml.jackson.databind.node.ArrayNode periods = trimmed.putArray("periods");
    for (JsonNode period : ledger.path("periods")) {
      if (after(period.path("released"), today)) {
        continue;
      }
      ObjectNode kept = period.deepCopy();
      periods.add(kept);
      String name = period.path("period").asText();
      boolean month = period.path("kind").asText().equals("month");
      if (month) {
        counts = YearMonth.parse(name);
      }
      if (after(period.path("outcomesReleased"), today)) {
        // Its outcomes table is left out when the document is read, and rendered anew.
        kept.putNull("outcomesReleased");
      } else if (month && period.path("outcomesReleased").isTextual()) {
        outcomes = YearMonth.parse(name);
      }
    }
    com.fasterxml.jackson.databind.node.ArrayNode withheld = trimmed.putArray("withheld");
    for (JsonNode entry : ledger.path("withheld")) {
      if (!after(entry.path("on"), today)) {
        withheld.add(entry);
      }
    }
    ObjectNode calendar = (ObjectNode) trimmed.path("calendar");
    calendar.put("countsThrough", counts == null ? null : counts.toString());
    calendar.put("outcomesThrough", outcomes == null ? null : outcomes.toString());
    return trimmed;
  }

  private static boolean after(JsonNode day, LocalDate today) {
    return day.isTextual() && LocalDate.parse(day.asText()).isAfter(today);
  }

  /** The released counts that belong to figures of the ledger as read (as it stood today). */
  private static Map<String, Long> known(
      ContactsDocument.Published before, Map<String, Long> releasedCounts) {
    if (before == null || releasedCounts.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> known = new HashMap<>();
    Tabulation tabulation = before.tables().tabulation();
    for (int i = 0; i < tabulation.size(); i++) {
      Long count = releasedCounts.get(tabulation.id(i));
      if (count != null && before.cells().get(i) != null) {
        known.put(tabulation.id(i), count);
      }
    }
    return known;
  }

  /** The true counts of the figures a document publishes, by id. */
  private static Map<String, Long> counts(Tabulation tabulation, long[] counts, List<Cell> cells) {
    Map<String, Long> byId = new HashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (cells.get(i) != null) {
        byId.put(tabulation.id(i), counts[i]);
      }
    }
    return byId;
  }

  /** Whether a figure belongs to what this release adds. */
  private static boolean isNew(String id, List<String> fresh) {
    String period = ContactTables.periodOf(id);
    return fresh.contains(period)
        || (id.startsWith(period + "|outcomes|") && fresh.contains(period + Ledger.OUTCOMES));
  }

  private static YearMonth latest(YearMonth a, YearMonth b) {
    return a.isAfter(b) ? a : b;
  }

  /** The cells published before, placed in the new tabulation (null for new figures). */
  private static Cell[] released(ContactsDocument.Published before, Tabulation tabulation) {
    Cell[] fixed = new Cell[tabulation.size()];
    if (before == null) {
      return fixed;
    }
    Tabulation old = before.tables().tabulation();
    for (int i = 0; i < old.size(); i++) {
      Cell cell = before.cells().get(i);
      if (cell != null) {
        fixed[tabulation.index(old.id(i))] = cell;
      }
    }
    return fixed;
  }

  /** What this release adds: new periods, and {@code <period>/outcomes} of released periods. */
  private static List<String> fresh(ContactsDocument.Published before, ContactTables tables) {
    List<String> fresh = new ArrayList<>();
    Set<String> periods = new HashSet<>();
    Set<String> outcomes = new HashSet<>();
    if (before != null) {
      for (ContactTables.Period period : before.tables().periods()) {
        periods.add(period.period());
        if (period.hasOutcomes()) {
          outcomes.add(period.period());
        }
      }
    }
    for (ContactTables.Period period : tables.periods()) {
      if (!periods.contains(period.period())) {
        fresh.add(period.period());
      } else if (period.hasOutcomes() && !outcomes.contains(period.period())) {
        fresh.add(period.period() + Ledger.OUTCOMES);
      }
    }
    return fresh;
  }

  /**
   * The first fallback: every table of a new period holding a recoverable figure is suppressed
   * whole (zeros as primary, counts as secondary suppressions), for protection to start again from.
   * False when that was done already, or a recoverable figure was released before.
   */
  private boolean suppressMore(
      List<String> failing,
      List<String> fresh,
      Map<String, Suppression> forced,
      long[] counts,
      Tabulation tabulation,
      ContactTables tables,
      int round) {
    if (failing.isEmpty() || round >= FALLBACK_ROUNDS) {
      return false;
    }
    boolean more = false;
    for (String id : failing) {
      String period = ContactTables.periodOf(id);
      String table = id.split("\\|")[1];
      if (!isNew(id, fresh)) {
        continue; // released before: see withhold
      }
      for (ContactTables.Period p : tables.periods()) {
        if (!p.period().equals(period)) {
          continue;
        }
        for (ContactTables.Table t : p.tables()) {
          if (!t.name().equals(table)) {
            continue;
          }
          for (String key : t.keys()) {
            String cell = ContactTables.id(period, table, key);
            long count = counts[tabulation.index(cell)];
            Suppression why =
                count > 0 && count >= policy.smallestPublished()
                    ? Suppression.SECONDARY
                    : Suppression.PRIMARY;
            more |= forced.putIfAbsent(cell, why) == null;
          }
        }
      }
    }
    return more;
  }

  /**
   * The last fallback: the new periods holding a recoverable figure are withheld for good; for a
   * recoverable figure released before, the new periods that sum over its period (all new periods
   * when none does, or when the true counts contradict the ledger).
   */
  private static void withhold(
      List<String> failing,
      List<String> fresh,
      ContactTables tables,
      Set<String> withheld,
      List<Ledger.Withheld> newlyWithheld,
      LocalDate today,
      int round) {
    Map<String, ContactTables.Period> periods = new HashMap<>();
    tables.periods().forEach(period -> periods.put(period.period(), period));
    Set<String> targets = new TreeSet<>();
    boolean all = failing.isEmpty() || round >= 2 * FALLBACK_ROUNDS;
    for (String id : failing) {
      String period = ContactTables.periodOf(id);
      if (fresh.contains(period)) {
        targets.add(period);
      } else if (isNew(id, fresh)) {
        targets.add(period + Ledger.OUTCOMES);
      } else {
        List<String> over = new ArrayList<>();
        for (String candidate : fresh) {
          ContactTables.Period aggregate = periods.get(candidate);
          if (aggregate != null
              && !candidate.equals(period)
              && aggregate.months().containsAll(periods.get(period).months())) {
            over.add(candidate);
          }
        }
        all |= over.isEmpty();
        targets.addAll(over);
      }
    }
    if (all) {
      targets.addAll(fresh);
    }
    for (String target : targets) {
      if (withheld.add(target)) {
        newlyWithheld.add(
            new Ledger.Withheld(target, today, "no suppression pattern kept every figure safe"));
      }
    }
  }

  /** The ledger's figures as first published on {@code today} for these contacts (tests, bench). */
  public ObjectNode document(List<ContactFacts> facts, LocalDate today) {
    return release(null, facts, today).contacts();
  }

  /** Audits a contacts.json as published (slow on large documents: every bound is an LP). */
  public DisclosureControl.AuditReport audit(JsonNode contacts) {
    ContactsDocument.Published published = ContactsDocument.read(contacts, vocabulary);
    return new DisclosureControl(published.policy())
        .audit(published.tables().tabulation(), published.cells());
  }

  /**
   * Audits a contacts.json as published, with these contacts' true counts as a hint that the audit
   * verifies against the document before using it (see {@link DisclosureControl#audit}).
   */
  public DisclosureControl.AuditReport audit(
      JsonNode contacts, List<ContactFacts> facts, LocalDate today) {
    ContactsDocument.Published published = ContactsDocument.read(contacts, vocabulary);
    long[] hint = published.tables().count(facts, today, calendar.outcomeDays());
    return new DisclosureControl(published.policy())
        .audit(published.tables().tabulation(), published.cells(), hint);
  }

  /**
   * Every file the contacts statistics publish besides contacts.json: csv/*.csv and the reports,
   * from the released document alone. The reports read traffic and campaigns documents too (either
   * may be null).
   */
  public List<SnapshotFile> files(ObjectNode contacts, JsonNode traffic, JsonNode campaigns) {
    List<SnapshotFile> files = new ArrayList<>();
    files.add(SnapshotFile.json("contacts.json", SnapshotPublisher.toJson(contacts)));
    files.addAll(csv(contacts));
    for (Vocabulary.Language language : Vocabulary.Language.values()) {
      String name = "report." + language.name().toLowerCase(java.util.Locale.ROOT) + ".md";
      files.add(
          new SnapshotFile(
              name,
              ContactsReport.write(language, vocabulary, contacts, traffic, campaigns)
                  .getBytes(StandardCharsets.UTF_8),
              "text/markdown; charset=utf-8"));
    }
    return files;
  }

  /**
   * One CSV per table, columns {@code kind,period,key,count,suppressed}: a suppressed cell has an
   * empty count and its reason, never 0. Ratios go to {@code csv/ratios.csv}.
   */
  static List<SnapshotFile> csv(JsonNode contacts) {
    List<SnapshotFile> files = new ArrayList<>();
    for (ContactTable table : ContactTable.values()) {
      StringWriter out = new StringWriter();
      try (CSVPrinter printer =
          new CSVPrinter(
              out,
              CSVFormat.RFC4180
                  .builder()
                  .setHeader("kind", "period", "key", "count", "suppressed")
                  .get())) {
        for (JsonNode period : contacts.path("periods")) {
          for (JsonNode cell : table.cells(period.path("tables"))) {
            printer.printRecord(
                period.path("kind").asText(),
                period.path("period").asText(),
                cell.path("key").asText(),
                cell.path("count").isNull() ? "" : cell.path("count").asText(),
                cell.path("suppressed").asText(""));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files.add(csvFile(table.csvFile(), out));
    }
    StringWriter out = new StringWriter();
    try (CSVPrinter printer =
        new CSVPrinter(
            out, CSVFormat.RFC4180.builder().setHeader("kind", "period", "ratio", "value").get())) {
      // Each ratio: its name in the CSV, then where contacts.json keeps it in a period's tables.
      String[][] ratios = {
        {"referralShare", "referrals", "share"}, {"arrivalRate", "outcomes", "arrivalRate"}
      };
      for (JsonNode period : contacts.path("periods")) {
        for (String[] ratio : ratios) {
          JsonNode value = period.path("tables").path(ratio[1]).path(ratio[2]);
          printer.printRecord(
              period.path("kind").asText(),
              period.path("period").asText(),
              ratio[0],
              value.isNull() ? "" : value.asText());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.add(csvFile("csv/ratios.csv", out));
    return files;
  }

  private static SnapshotFile csvFile(String name, StringWriter out) {
    return new SnapshotFile(
        name, out.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
  }
}
