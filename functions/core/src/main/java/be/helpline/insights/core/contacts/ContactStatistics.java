package be.helpline.insights.core.contacts;

import be.helpline.insights.core.aggregation.DisclosurePolicy;
import be.helpline.insights.core.disclosure.DisclosureControl;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Use case: the published statistics of registered contacts. Builds the disclosure-controlled
 * {@code contacts.json}, audits the document as published (the run fails when any suppressed cell
 * can be recovered from it), and renders from that document alone the CSV tables and the written
 * reports. Open for tests that stand in for a faulty engine by overriding {@link #document}.
 */
public class ContactStatistics {
  /** CSV file per table (lower-case names: the manifest allows no capitals). */
  private static final Map<String, String> CSV_FILES = new LinkedHashMap<>();

  static {
    CSV_FILES.put("total", "total");
    CSV_FILES.put("channel", "channel");
    CSV_FILES.put("callerGroup", "caller-group");
    CSV_FILES.put("gender", "gender");
    CSV_FILES.put("ageBand", "age-band");
    CSV_FILES.put("howHeard", "how-heard");
    CSV_FILES.put("firstContact", "first-contact");
    CSV_FILES.put("risk", "risk");
    CSV_FILES.put("pastOffencesSelf", "past-offences-self");
    CSV_FILES.put("referrals.total", "referrals");
    CSV_FILES.put("referrals.callerGroup", "referrals-by-caller-group");
    CSV_FILES.put("referrals.centreType", "referrals-by-centre-type");
    CSV_FILES.put("referrals.region", "referrals-by-region");
    CSV_FILES.put("outcomes", "outcomes");
    CSV_FILES.put("callerGroupByGender", "caller-group-by-gender");
    CSV_FILES.put("callerGroupByAgeBand", "caller-group-by-age-band");
  }

  private final Vocabulary vocabulary;
  private final DisclosurePolicy policy;
  private final int outcomeDays;

  /**
   * @param outcomeDays a referral without an answer from the centre counts as {@code UNCONFIRMED}
   *     (in the arrival rate's denominator) once its contact is this many days old, as {@code
   *     PENDING} (left out of the rate) before that
   */
  public ContactStatistics(Vocabulary vocabulary, DisclosurePolicy policy, int outcomeDays) {
    this.vocabulary = vocabulary;
    this.policy = policy;
    this.outcomeDays = outcomeDays;
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
   * The last day the figures run through: {@code dataThrough}, or the end of an earlier month while
   * the month, quarter or year in progress would hold 1 to k-1 contacts. A period that small, once
   * published beside its finished neighbours, is its parent (the quarter, the year, all-time) minus
   * them, in every table at once; hiding it would take hiding a whole contact's worth of figures in
   * another period. So the newest contacts wait until their period holds k (the first days of a
   * month or a year). Not when all-time itself holds fewer than k: then nothing published is a sum
   * over them.
   */
  public LocalDate publishedThrough(List<ContactFacts> facts, LocalDate dataThrough) {
    int k = policy.smallestPublished();
    LocalDate end = dataThrough;
    while (true) {
      long month = 0;
      long quarter = 0;
      long year = 0;
      long all = 0;
      for (ContactFacts fact : facts) {
        LocalDate date = fact.contactDate();
        if (date.isAfter(end)) {
          continue;
        }
        all++;
        if (date.getYear() == end.getYear()) {
          year++;
          quarter += (date.getMonthValue() - 1) / 3 == (end.getMonthValue() - 1) / 3 ? 1 : 0;
          month += date.getMonth() == end.getMonth() ? 1 : 0;
        }
      }
      if (all < k || !(small(month, k) || small(quarter, k) || small(year, k))) {
        return end;
      }
      end = end.withDayOfMonth(1).minusDays(1);
    }
  }

  private static boolean small(long count, int k) {
    return count > 0 && count < k;
  }

  /** The contacts up to {@link #publishedThrough}. */
  private List<ContactFacts> published(List<ContactFacts> facts, LocalDate through) {
    return facts.stream().filter(fact -> !fact.contactDate().isAfter(through)).toList();
  }

  /**
   * The disclosure-controlled contacts.json for these contacts, through {@link #publishedThrough}
   * (its {@code dataThrough}).
   */
  public ObjectNode document(List<ContactFacts> all, LocalDate dataThrough) {
    LocalDate through = publishedThrough(all, dataThrough);
    List<ContactFacts> facts = published(all, through);
    return protectedDocument(facts, through);
  }

  private ObjectNode protectedDocument(List<ContactFacts> facts, LocalDate dataThrough) {
    YearMonth first = YearMonth.from(dataThrough);
    YearMonth last = first;
    for (ContactFacts fact : facts) {
      YearMonth month = YearMonth.from(fact.contactDate());
      first = month.isBefore(first) ? month : first;
      last = month.isAfter(last) ? month : last;
    }
    ContactTables tables = ContactTables.of(vocabulary, first, last);
    long[] counts = tables.count(facts, dataThrough, outcomeDays);
    DisclosureControl.Protection protection =
        new DisclosureControl(policy).protect(tables.tabulation(), counts);
    return ContactsDocument.render(tables, protection.cells(), policy, outcomeDays, dataThrough);
  }

  /** Audits a contacts.json as published (slow on large documents: every bound is an LP). */
  public DisclosureControl.AuditReport audit(JsonNode contacts) {
    ContactsDocument.Published published = ContactsDocument.read(contacts, vocabulary);
    return new DisclosureControl(published.policy())
        .audit(published.tables().tabulation(), published.cells());
  }

  /**
   * Audits a contacts.json as published, with the contacts' true counts as a hint that the audit
   * verifies against the document before using it (see {@link DisclosureControl#audit}).
   */
  public DisclosureControl.AuditReport audit(
      JsonNode contacts, List<ContactFacts> all, LocalDate dataThrough) {
    ContactsDocument.Published published = ContactsDocument.read(contacts, vocabulary);
    LocalDate through = publishedThrough(all, dataThrough);
    long[] hint = published.tables().count(published(all, through), through, outcomeDays);
    return new DisclosureControl(published.policy())
        .audit(published.tables().tabulation(), published.cells(), hint);
  }

  /**
   * Every file the contacts statistics publish: contacts.json, csv/*.csv and the reports, after the
   * audit passed. The reports read traffic and campaigns documents too (either may be null).
   */
  public List<SnapshotFile> files(
      List<ContactFacts> facts, LocalDate dataThrough, JsonNode traffic, JsonNode campaigns) {
    ObjectNode contacts = document(facts, dataThrough);
    DisclosureControl.AuditReport report = audit(contacts, facts, dataThrough);
    if (!report.passed()) {
      throw new AuditFailedException(report);
    }
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
    for (Map.Entry<String, String> table : CSV_FILES.entrySet()) {
      StringWriter out = new StringWriter();
      try (CSVPrinter printer =
          new CSVPrinter(
              out,
              CSVFormat.RFC4180
                  .builder()
                  .setHeader("kind", "period", "key", "count", "suppressed")
                  .get())) {
        for (JsonNode period : contacts.path("periods")) {
          for (JsonNode cell : cells(period.path("tables"), table.getKey())) {
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
      files.add(csvFile("csv/" + table.getValue() + ".csv", out));
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

  private static List<JsonNode> cells(JsonNode tables, String table) {
    List<JsonNode> cells = new ArrayList<>();
    if (table.equals("total") || table.equals("referrals.total")) {
      JsonNode cell = ContactsDocument.find(tables, table, ContactTables.ALL);
      if (!cell.isMissingNode()) {
        cells.add(cell);
      }
      return cells;
    }
    if (table.equals("outcomes")) {
      for (String key : ContactTables.OUTCOMES) {
        cells.add(ContactsDocument.find(tables, table, key));
      }
      return cells;
    }
    JsonNode list =
        table.startsWith("referrals.")
            ? tables.path("referrals").path(table.substring("referrals.".length()))
            : tables.path(table);
    list.forEach(cells::add);
    return cells;
  }

  private static SnapshotFile csvFile(String name, StringWriter out) {
    return new SnapshotFile(
        name, out.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8");
  }
}
