package be.helpline.insights.core.contacts;

import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The tables of {@code contacts.json}, described once: each table's name in figure ids (which is
 * also its path in a period's {@code tables} object, {@code referrals.region} under {@code
 * referrals}), its shape there, its CSV file, the periods that hold it, its keys, and which key a
 * contact counts under. The tabulation, the document (written and read back), the CSV files, the
 * audit and the report read it from here; the order here is the order of the figures, so it fixes
 * the suppression pattern and must not change.
 */
public enum ContactTable {
  TOTAL("total", "total", Shape.ONE, Scope.EVERY_PERIOD, fact -> ContactTables.ALL),
  CHANNEL("channel", "channel", Shape.LIST, Scope.EVERY_PERIOD, ContactFacts::channel, "channel"),
  CALLER_GROUP(
      "callerGroup",
      "caller-group",
      Shape.LIST,
      Scope.EVERY_PERIOD,
      ContactFacts::callerGroup,
      "callerGroup"),
  GENDER("gender", "gender", Shape.LIST, Scope.EVERY_PERIOD, ContactFacts::gender, "gender"),
  AGE_BAND("ageBand", "age-band", Shape.LIST, Scope.EVERY_PERIOD, ContactFacts::ageBand, "ageBand"),
  HOW_HEARD(
      "howHeard", "how-heard", Shape.LIST, Scope.EVERY_PERIOD, ContactFacts::howHeard, "howHeard"),
  FIRST_CONTACT(
      "firstContact",
      "first-contact",
      Shape.LIST,
      Scope.EVERY_PERIOD,
      ContactFacts::firstContact,
      "firstContact"),
  RISK("risk", "risk", Shape.LIST, Scope.EVERY_PERIOD, ContactFacts::risk, "risk"),
  /** Past offences, asked of people calling about themselves only. */
  PAST_OFFENCES_SELF(
      "pastOffencesSelf",
      "past-offences-self",
      Shape.LIST,
      Scope.EVERY_PERIOD,
      fact -> "SELF".equals(fact.callerGroup()) ? fact.pastOffences() : null,
      "pastOffences"),
  REFERRALS(
      "referrals.total",
      "referrals",
      Shape.ONE,
      Scope.EVERY_PERIOD,
      fact -> fact.referred() ? ContactTables.ALL : null),
  REFERRALS_BY_CALLER_GROUP(
      "referrals.callerGroup",
      "referrals-by-caller-group",
      Shape.LIST,
      Scope.EVERY_PERIOD,
      fact -> fact.referred() ? fact.callerGroup() : null,
      "callerGroup"),
  REFERRALS_BY_CENTRE_TYPE(
      "referrals.centreType",
      "referrals-by-centre-type",
      Shape.LIST,
      Scope.EVERY_PERIOD,
      fact -> fact.referred() ? fact.referral().centreType() : null,
      "referral.centreType"),
  REFERRALS_BY_REGION(
      "referrals.region",
      "referrals-by-region",
      Shape.LIST,
      Scope.EVERY_PERIOD,
      fact -> fact.referred() ? fact.referral().region() : null,
      "referral.region"),
  /**
   * What became of the referrals: a contact's key here depends on the day of the release as well
   * (see {@link ContactTables#count}), so it has no key of its own.
   */
  OUTCOMES("outcomes", "outcomes", Shape.FIELDS, Scope.RELEASED_OUTCOMES, fact -> null),
  CALLER_GROUP_BY_GENDER(
      "callerGroupByGender",
      "caller-group-by-gender",
      Shape.LIST,
      Scope.AGGREGATES,
      fact -> fact.callerGroup() + "/" + fact.gender(),
      "callerGroup",
      "gender"),
  CALLER_GROUP_BY_AGE_BAND(
      "callerGroupByAgeBand",
      "caller-group-by-age-band",
      Shape.LIST,
      Scope.AGGREGATES,
      fact -> fact.callerGroup() + "/" + fact.ageBand(),
      "callerGroup",
      "ageBand");

  /** How a table sits in a period's {@code tables}. */
  enum Shape {
    /** One cell object (key {@code ALL}). */
    ONE,
    /** An array of cells, one per key, in key order. */
    LIST,
    /** An object with one cell per key, under a field name of its own ({@code notArrived}). */
    FIELDS
  }

  /** Which periods hold a table. */
  enum Scope {
    /** Every period, months included. */
    EVERY_PERIOD,
    /** Every period whose outcomes are released. */
    RELEASED_OUTCOMES,
    /** Quarters, years and all-through periods (a month's cross cells stay hidden). */
    AGGREGATES
  }

  /** The outcome classes, the keys of {@link #OUTCOMES}, by the field that holds each. */
  private static final Map<String, String> OUTCOME_FIELDS =
      Map.of(
          "ARRIVED", "arrived",
          "NOT_ARRIVED", "notArrived",
          "UNCONFIRMED", "unconfirmed",
          "PENDING", "pending");

  private final String id;
  private final List<String> path;
  private final String csvFile;
  private final Shape shape;
  private final Scope scope;
  private final Function<ContactFacts, String> keyOf;
  private final List<String> vocabularyFields;

  ContactTable(
      String id,
      String csvFile,
      Shape shape,
      Scope scope,
      Function<ContactFacts, String> keyOf,
      String... vocabularyFields) {
    this.id = id;
    this.path = List.of(id.split("\\."));
    this.csvFile = csvFile;
    this.shape = shape;
    this.scope = scope;
    this.keyOf = keyOf;
    this.vocabularyFields = List.of(vocabularyFields);
  }

  /** The table's name in figure ids and its path in a period's tables: {@code referrals.region}. */
  public String id() {
    return id;
  }

  /** Its file under {@code csv/} (lower case: the manifest allows no capitals). */
  public String csvFile() {
    return "csv/" + csvFile + ".csv";
  }

  Shape shape() {
    return shape;
  }

  Scope scope() {
    return scope;
  }

  /** The table whose figure ids use this name. */
  public static ContactTable of(String id) {
    for (ContactTable table : values()) {
      if (table.id.equals(id)) {
        return table;
      }
    }
    throw new IllegalArgumentException("no contact table " + id);
  }

  /**
   * The keys of the table in display order: {@code ALL} for one cell, the outcome classes, the
   * codes of a field, or each pair of two fields' codes ({@code SELF/FEMALE}).
   */
  public List<String> keys(Vocabulary vocabulary) {
    if (shape == Shape.ONE) {
      return List.of(ContactTables.ALL);
    }
    if (this == OUTCOMES) {
      return ContactTables.OUTCOMES;
    }
    List<String> keys = new ArrayList<>(vocabulary.codes(vocabularyFields.getFirst()));
    if (vocabularyFields.size() == 2) {
      List<String> rows = keys;
      keys = new ArrayList<>();
      for (String row : rows) {
        for (String column : vocabulary.codes(vocabularyFields.get(1))) {
          keys.add(row + "/" + column);
        }
      }
    }
    return List.copyOf(keys);
  }

  /** The key a contact counts under, or null when it does not count in this table. */
  String keyOf(ContactFacts fact) {
    return keyOf.apply(fact);
  }

  /** The cell of a key within a period's {@code tables} (a missing node when absent). */
  public JsonNode find(JsonNode tables, String key) {
    JsonNode node = at(tables);
    return switch (shape) {
      case ONE -> node;
      case FIELDS -> node.path(OUTCOME_FIELDS.get(key));
      case LIST -> {
        for (JsonNode cell : node) {
          if (cell.path("key").asText().equals(key)) {
            yield cell;
          }
        }
        yield MissingNode.getInstance();
      }
    };
  }

  /** Every cell of the table within a period's {@code tables}, in key order. */
  List<JsonNode> cells(JsonNode tables) {
    List<JsonNode> cells = new ArrayList<>();
    switch (shape) {
      case ONE -> {
        JsonNode cell = at(tables);
        if (!cell.isMissingNode()) {
          cells.add(cell);
        }
      }
      case FIELDS -> ContactTables.OUTCOMES.forEach(key -> cells.add(find(tables, key)));
      case LIST -> at(tables).forEach(cells::add);
    }
    return cells;
  }

  /** Writes the table's cells (one per key, in order) into a period's {@code tables}. */
  void write(ObjectNode tables, List<String> keys, Function<String, JsonNode> cell) {
    ObjectNode parent = tables;
    for (String step : path.subList(0, path.size() - 1)) {
      parent = parent.has(step) ? (ObjectNode) parent.get(step) : parent.putObject(step);
    }
    String field = path.getLast();
    switch (shape) {
      case ONE -> parent.set(field, cell.apply(ContactTables.ALL));
      case LIST -> {
        var list = Json.mapper().createArrayNode();
        keys.forEach(key -> list.add(cell.apply(key)));
        parent.set(field, list);
      }
      case FIELDS -> {
        ObjectNode fields = parent.putObject(field);
        keys.forEach(key -> fields.set(OUTCOME_FIELDS.get(key), cell.apply(key)));
      }
    }
  }

  /** The field name that holds an outcome class in {@link #OUTCOMES}: {@code notArrived}. */
  static String outcomeField(String key) {
    return OUTCOME_FIELDS.get(key);
  }

  private JsonNode at(JsonNode tables) {
    JsonNode node = tables;
    for (String step : path) {
      node = node.path(step);
    }
    return node;
  }
}
