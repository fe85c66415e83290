package be.helpline.insights.core.contacts;

import be.helpline.insights.core.disclosure.Cell;
import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.disclosure.Suppression;
import be.helpline.insights.core.disclosure.Tabulation;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.json.Ratios;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code contacts.json}: writes the controlled cells in the shape of SPEC section 4, and reads a
 * published document back into cells, so that the audit judges exactly what was published.
 */
public final class ContactsDocument {
  private ContactsDocument() {}

  /**
   * The document for these cells (one per tabulation index, null for hidden quantities) and what
   * the ledger says of their release.
   */
  public static ObjectNode render(
      ContactTables tables, List<Cell> cells, DisclosurePolicy policy, Ledger ledger) {
    Tabulation tabulation = tables.tabulation();
    ContactTables.Layout layout = tables.layout();
    ReleaseCalendar calendar = ledger.calendar();
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("schemaVersion", 1);
    root.put("dataThrough", layout.countsThrough().atEndOfMonth().toString());
    ObjectNode policyNode = root.putObject("policy");
    policyNode.put("name", policy.name());
    policyNode.put("threshold", policy.smallestPublished());
    policyNode.put("roundTo", policy.roundTo());
    policyNode.put("outcomeAfterDays", calendar.outcomeDays());
    ObjectNode calendarNode = root.putObject("calendar");
    calendarNode.put("start", layout.start().toString());
    calendarNode.put("settleDays", calendar.settleDays());
    calendarNode.put("outcomeDays", calendar.outcomeDays());
    calendarNode.put(
        "countsThrough",
        layout.countsThrough().isBefore(layout.start()) ? null : layout.countsThrough().toString());
    calendarNode.put(
        "outcomesThrough",
        layout.outcomesThrough().isBefore(layout.start())
            ? null
            : layout.outcomesThrough().toString());
    ObjectNode next = calendarNode.putObject("nextRelease");
    YearMonth nextCounts = later(layout.countsThrough(), layout.start());
    YearMonth nextOutcomes = later(layout.outcomesThrough(), layout.start());
    next.putObject("counts")
        .put("period", nextCounts.toString())
        .put("on", calendar.countsRelease(nextCounts).toString());
    next.putObject("outcomes")
        .put("period", nextOutcomes.toString())
        .put("on", calendar.outcomesRelease(nextOutcomes).toString());
    ArrayNode withheld = root.putArray("withheld");
    for (Ledger.Withheld period : ledger.withheld()) {
      withheld
          .addObject()
          .put("period", period.period())
          .put("on", period.on().toString())
          .put("reason", period.reason());
    }
    ArrayNode periods = root.putArray("periods");
    for (ContactTables.Period period : tables.periods()) {
      ObjectNode node = periods.addObject();
      node.put("kind", period.kind());
      node.put("period", period.period());
      node.put("released", ledger.released(period.period()).toString());
      LocalDate outcomesReleased =
          period.hasOutcomes() ? ledger.outcomesReleased(period.period()) : null;
      node.put("outcomesReleased", outcomesReleased == null ? null : outcomesReleased.toString());
      ObjectNode out = node.putObject("tables");
      for (ContactTables.Table table : period.tables()) {
        table
            .table()
            .write(
                out,
                table.keys(),
                key -> cell(key, cellOf(tabulation, cells, period, table.name(), key)));
      }
      ObjectNode referrals = (ObjectNode) out.get("referrals");
      ObjectNode outcomes = (ObjectNode) out.get("outcomes");
      Cell total = cellOf(tabulation, cells, period, ContactTable.TOTAL, ContactTables.ALL);
      Cell referred = cellOf(tabulation, cells, period, ContactTable.REFERRALS, ContactTables.ALL);
      referrals.set("share", ratio(referred, List.of(total)));
      if (outcomes == null) {
        // Not released yet: the day they will be; withheld for good (or summing over withheld
        // outcomes): withheld.
        boolean outcomesWithheld =
            ledger.withheldNames().contains(period.period() + Ledger.OUTCOMES);
        String on = calendar.outcomesRelease(period.last()).toString();
        outcomes = out.putObject("outcomes");
        for (String key : ContactTables.OUTCOMES) {
          ObjectNode cell =
              outcomes.putObject(ContactTable.outcomeField(key)).put("key", key).putNull("count");
          if (outcomesWithheld) {
            cell.put("suppressed", "withheld");
          } else {
            cell.put("releaseOn", on);
          }
        }
        outcomes.putNull("arrivalRate");
        if (!outcomesWithheld) {
          outcomes.put("releaseOn", on);
        }
        continue;
      }
      Cell arrived = cellOf(tabulation, cells, period, ContactTable.OUTCOMES, "ARRIVED");
      outcomes.set(
          "arrivalRate",
          ratio(
              arrived,
              List.of(
                  arrived,
                  cellOf(tabulation, cells, period, ContactTable.OUTCOMES, "NOT_ARRIVED"),
                  cellOf(tabulation, cells, period, ContactTable.OUTCOMES, "UNCONFIRMED"))));
    }
    return root;
  }

  /**
   * The published cells of a document, by tabulation index (null for hidden quantities), the tables
   * they belong to, and the document's ledger; throws when a cell the layout needs is missing.
   */
  public record Published(
      ContactTables tables, List<Cell> cells, DisclosurePolicy policy, Ledger ledger) {}

  public static Published read(JsonNode document, Vocabulary vocabulary) {
    DisclosurePolicy policy = DisclosurePolicy.named(document.path("policy").path("name").asText());
    JsonNode calendarNode = document.path("calendar");
    ReleaseCalendar calendar =
        new ReleaseCalendar(
            calendarNode.path("settleDays").asInt(), calendarNode.path("outcomeDays").asInt());
    YearMonth start = YearMonth.parse(calendarNode.path("start").asText());
    YearMonth before = start.minusMonths(1);
    YearMonth countsThrough =
        calendarNode.path("countsThrough").isTextual()
            ? YearMonth.parse(calendarNode.path("countsThrough").asText())
            : before;
    YearMonth outcomesThrough =
        calendarNode.path("outcomesThrough").isTextual()
            ? YearMonth.parse(calendarNode.path("outcomesThrough").asText())
            : before;
    List<Ledger.Withheld> withheld = new ArrayList<>();
    for (JsonNode node : document.path("withheld")) {
      withheld.add(
          new Ledger.Withheld(
              node.path("period").asText(),
              LocalDate.parse(node.path("on").asText()),
              node.path("reason").asText()));
    }
    Map<String, LocalDate> released = new HashMap<>();
    Map<String, LocalDate> outcomesReleased = new HashMap<>();
    Map<String, JsonNode> byPeriod = new HashMap<>();
    for (JsonNode period : document.path("periods")) {
      String name = period.path("period").asText();
      byPeriod.put(name, period.path("tables"));
      released.put(name, LocalDate.parse(period.path("released").asText()));
      if (period.path("outcomesReleased").isTextual()) {
        outcomesReleased.put(name, LocalDate.parse(period.path("outcomesReleased").asText()));
      }
    }
    Ledger ledger = new Ledger(calendar, released, outcomesReleased, withheld);
    ContactTables tables =
        ContactTables.of(
            vocabulary,
            new ContactTables.Layout(
                start, countsThrough, outcomesThrough, ledger.withheldNames()));
    Tabulation tabulation = tables.tabulation();
    Cell[] cells = new Cell[tabulation.size()];
    if (byPeriod.size() != tables.periods().size()) {
      throw new IllegalArgumentException(
          "contacts.json holds "
              + byPeriod.size()
              + " periods, its calendar "
              + tables.periods().size());
    }
    for (ContactTables.Period period : tables.periods()) {
      JsonNode node = byPeriod.get(period.period());
      if (node == null) {
        throw new IllegalArgumentException("contacts.json lacks period " + period.period());
      }
      for (ContactTables.Table table : period.tables()) {
        for (String key : table.keys()) {
          JsonNode cell = table.table().find(node, key);
          cells[tabulation.index(ContactTables.id(period.period(), table.name(), key))] =
              parse(cell, period.period(), table.name(), key);
        }
      }
    }
    return new Published(tables, Arrays.asList(cells), policy, ledger);
  }

  /** The month after {@code through}, or {@code start} when nothing is released yet. */
  private static YearMonth later(YearMonth through, YearMonth start) {
    return through.isBefore(start) ? start : through.plusMonths(1);
  }

  private static Cell parse(JsonNode cell, String period, String table, String key) {
    if (!cell.isObject() || !cell.path("key").asText().equals(key)) {
      throw new IllegalArgumentException(
          "contacts.json lacks " + ContactTables.id(period, table, key));
    }
    if (cell.path("count").isIntegralNumber()) {
      return Cell.published(cell.path("count").asLong());
    }
    return Cell.suppressed(
        cell.path("suppressed").asText().equals("secondary")
            ? Suppression.SECONDARY
            : Suppression.PRIMARY);
  }

  private static Cell cellOf(
      Tabulation tabulation,
      List<Cell> cells,
      ContactTables.Period period,
      String table,
      String key) {
    return cells.get(tabulation.index(ContactTables.id(period.period(), table, key)));
  }

  private static Cell cellOf(
      Tabulation tabulation,
      List<Cell> cells,
      ContactTables.Period period,
      ContactTable table,
      String key) {
    return cellOf(tabulation, cells, period, table.id(), key);
  }

  private static ObjectNode cell(String key, Cell cell) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("key", key);
    if (cell.isSuppressed()) {
      node.putNull("count");
      node.put("suppressed", cell.suppressed().code());
    } else {
      node.put("count", cell.count());
    }
    return node;
  }

  /**
   * A ratio of published counts only ({@link Ratios}): null when any count it needs is suppressed
   * or the denominator is zero.
   */
  private static JsonNode ratio(Cell numerator, List<Cell> denominator) {
    if (numerator.isSuppressed() || denominator.stream().anyMatch(Cell::isSuppressed)) {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
    long sum = denominator.stream().mapToLong(Cell::count).sum();
    if (sum == 0) {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
    return Json.mapper().getNodeFactory().numberNode(Ratios.of(numerator.count(), sum));
  }
}
