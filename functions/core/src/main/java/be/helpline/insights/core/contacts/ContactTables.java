package be.helpline.insights.core.contacts;

import be.helpline.insights.core.disclosure.Tabulation;
import be.helpline.insights.core.vocabulary.Vocabulary;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layout of {@code contacts.json} as one linked family of tables: per month the one-way tables;
 * per quarter, year and "all through a year" the same plus callerGroup × gender and callerGroup ×
 * ageBand. The tabulation relates them all: every table of a period sums to that period's total
 * (referral tables to the referrals' total), a quarter's cell is the sum of its months', a year's
 * of its quarters', all through a year of all through the year before and that year; a cross
 * table's rows and columns are the period's one-way tables; referrals of a caller group never
 * exceed that group's contacts; pastOffencesSelf sums to the SELF contacts. The audit therefore
 * sees differencing within a table, across periods and through the cross tables.
 *
 * <p>Only released periods are laid out (SPEC section 6.1): the months from the calendar's start
 * through the last released one, a quarter, a year or an "all through" once every period it sums is
 * laid out, and the outcomes table only in periods whose outcomes are released. A withheld period
 * is left out, and with it every period that sums over it.
 */
public final class ContactTables {
  /** Referral outcome classes (the cells of {@code outcomes}). */
  public static final List<String> OUTCOMES =
      List.of("ARRIVED", "NOT_ARRIVED", "UNCONFIRMED", "PENDING");

  static final String ALL = "ALL";

  /** The name of the cumulative period that ends with a year: {@code all-through-2025}. */
  public static String allThrough(int year) {
    return "all-through-" + year;
  }

  /** One table of a period, with its keys in display order. */
  public record Table(ContactTable table, List<String> keys) {
    /** Its name in figure ids. */
    public String name() {
      return table.id();
    }
  }

  /**
   * One period: {@code month}, {@code quarter}, {@code year} or {@code all}; {@code last} is its
   * last month (it is released with that month).
   */
  public record Period(
      String kind, String period, List<YearMonth> months, YearMonth last, List<Table> tables) {
    public boolean hasOutcomes() {
      return tables.stream().anyMatch(table -> table.table() == ContactTable.OUTCOMES);
    }
  }

  /**
   * Which periods are laid out: months {@code start} through {@code countsThrough} (none when it is
   * before {@code start}), the outcomes of periods ending by {@code outcomesThrough}, minus {@code
   * withheld} periods and every period summing over one.
   */
  public record Layout(
      YearMonth start, YearMonth countsThrough, YearMonth outcomesThrough, Set<String> withheld) {
    public Layout {
      withheld = Set.copyOf(withheld);
    }

    /** Every month from start through the last. */
    public static Layout through(YearMonth start, YearMonth last) {
      return new Layout(start, last, last, Set.of());
    }
  }

  private final Vocabulary vocabulary;
  private final Layout layout;
  private final List<Period> periods = new ArrayList<>();
  private final Set<String> implicitlyWithheld = new TreeSet<>();
  private final Set<String> withOutcomes = new HashSet<>();
  private final Tabulation tabulation = new Tabulation();

  /** An aggregate period's parts and the tables that are the sums of theirs, in layout order. */
  private record Sum(String period, List<String> parts, List<Table> tables) {}

  private final List<Sum> sums = new ArrayList<>();

  private ContactTables(Vocabulary vocabulary, Layout layout) {
    this.vocabulary = vocabulary;
    this.layout = layout;
    build();
  }

  public static ContactTables of(Vocabulary vocabulary, Layout layout) {
    return new ContactTables(vocabulary, layout);
  }

  /** Every period from {@code first} through {@code last}, outcomes included. */
  public static ContactTables of(Vocabulary vocabulary, YearMonth first, YearMonth last) {
    return new ContactTables(vocabulary, Layout.through(first, last));
  }

  public Layout layout() {
    return layout;
  }

  public Tabulation tabulation() {
    return tabulation;
  }

  public List<Period> periods() {
    return periods;
  }

  /**
   * Periods (or a period's outcomes, {@code <period>/outcomes}) left out because they sum over a
   * withheld one and are not withheld themselves, in the order of their names.
   */
  public Set<String> implicitlyWithheld() {
    return implicitlyWithheld;
  }

  /** The figure id of a cell: {@code <period>|<table>|<key>}. */
  public static String id(String period, String table, String key) {
    return period + "|" + table + "|" + key;
  }

  /** The period of a figure id. */
  public static String periodOf(String id) {
    return id.substring(0, id.indexOf('|'));
  }

  /** The tables of a month: every one-way table, and the outcomes once they are released. */
  private List<Table> oneWay(boolean outcomes) {
    return tables(outcomes, false);
  }

  /** The tables of a quarter, a year or an all-through: a month's, and the cross tables. */
  private List<Table> withCross(boolean outcomes) {
    return tables(outcomes, true);
  }

  private List<Table> tables(boolean outcomes, boolean cross) {
    List<Table> tables = new ArrayList<>();
    for (ContactTable table : ContactTable.values()) {
      boolean held =
          switch (table.scope()) {
            case EVERY_PERIOD -> true;
            case RELEASED_OUTCOMES -> outcomes;
            case AGGREGATES -> cross;
          };
      if (held) {
        tables.add(new Table(table, table.keys(vocabulary)));
      }
    }
    return tables;
  }

  private boolean outcomesReleased(YearMonth last, String name) {
    return !last.isAfter(layout.outcomesThrough())
        && !layout.withheld().contains(name + Ledger.OUTCOMES);
  }

  private void build() {
    YearMonth start = layout.start();
    YearMonth through = layout.countsThrough();
    Set<String> present = new HashSet<>();
    Map<String, List<String>> monthsOfQuarter = new LinkedHashMap<>();
    Map<String, List<YearMonth>> calendarMonthsOfQuarter = new LinkedHashMap<>();
    for (YearMonth m = start; !m.isAfter(through); m = m.plusMonths(1)) {
      String quarter = quarterOf(m);
      monthsOfQuarter.computeIfAbsent(quarter, q -> new ArrayList<>()).add(m.toString());
      calendarMonthsOfQuarter.computeIfAbsent(quarter, q -> new ArrayList<>()).add(m);
      if (layout.withheld().contains(m.toString())) {
        continue;
      }
      boolean outcomes = outcomesReleased(m, m.toString());
      if (outcomes) {
        withOutcomes.add(m.toString());
      }
      Period period = new Period("month", m.toString(), List.of(m), m, oneWay(outcomes));
      periods.add(period);
      present.add(period.period());
      addFigures(period);
      relateMonth(m.toString(), outcomes);
    }
    Map<Integer, List<String>> quartersOfYear = new LinkedHashMap<>();
    Map<Integer, List<YearMonth>> monthsOfYear = new LinkedHashMap<>();
    for (Map.Entry<String, List<YearMonth>> quarter : calendarMonthsOfQuarter.entrySet()) {
      List<YearMonth> months = quarter.getValue();
      YearMonth last = months.getLast();
      if (last.getMonthValue() % 3 != 0) {
        continue; // the quarter is not over
      }
      int year = last.getYear();
      quartersOfYear.computeIfAbsent(year, y -> new ArrayList<>()).add(quarter.getKey());
      monthsOfYear.computeIfAbsent(year, y -> new ArrayList<>()).addAll(months);
      addAggregate(
          "quarter", quarter.getKey(), months, monthsOfQuarter.get(quarter.getKey()), present);
    }
    List<String> years = new ArrayList<>();
    List<YearMonth> allMonths = new ArrayList<>();
    for (Map.Entry<Integer, List<String>> year : quartersOfYear.entrySet()) {
      List<YearMonth> months = monthsOfYear.get(year.getKey());
      if (months.getLast().getMonthValue() != 12) {
        continue; // the year is not over
      }
      addAggregate("year", String.valueOf(year.getKey()), months, year.getValue(), present);
      allMonths.addAll(months);
      years.add(String.valueOf(year.getKey()));
      // The previous all-through plus this year, which is the sum of the years (the intruder's
      // system is the same) but ties the new figures to one released period instead of every
      // year. Where the previous one is withheld (its outcomes, when this one's are due), the
      // sum of the years: one withheld all-through does not take every later one with it.
      String name = allThrough(year.getKey());
      String previous = allThrough(year.getKey() - 1);
      boolean chained =
          present.contains(previous)
              && (withOutcomes.contains(previous) || !outcomesReleased(months.getLast(), name));
      addAggregate(
          "all",
          name,
          List.copyOf(allMonths),
          chained ? List.of(previous, String.valueOf(year.getKey())) : List.copyOf(years),
          present);
    }
  }

  /**
   * Lays out a quarter, a year or an "all through" over its parts, unless it is withheld or one of
   * its parts is missing (withheld, or summing over something withheld).
   */
  private void addAggregate(
      String kind, String name, List<YearMonth> months, List<String> parts, Set<String> present) {
    if (layout.withheld().contains(name)) {
      return;
    }
    if (!present.containsAll(parts)) {
      implicitlyWithheld.add(name);
      return;
    }
    boolean outcomes = outcomesReleased(months.getLast(), name);
    if (outcomes && !withOutcomes.containsAll(parts)) {
      implicitlyWithheld.add(name + Ledger.OUTCOMES);
      outcomes = false;
    }
    if (outcomes) {
      withOutcomes.add(name);
    }
    Period period = new Period(kind, name, months, months.getLast(), withCross(outcomes));
    periods.add(period);
    present.add(name);
    addFigures(period);
    List<Table> summed = kind.equals("quarter") ? oneWay(outcomes) : withCross(outcomes);
    sums.add(new Sum(name, List.copyOf(parts), summed));
    relateToChildren(name, parts, summed);
    relateCross(name);
  }

  private static String quarterOf(YearMonth month) {
    return month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
  }

  /**
   * A cross table's rows and columns sum to the period's one-way tables. The cross tables are
   * related at the grain they are published (quarter and up), not through per-month cross cells:
   * those would tie every month of the data into one linear system too large to bound cell by cell
   * in seconds (measured: minutes for two years). What this leaves out is the month-level
   * consistency of the cross table (for example that a quarter's SELF/X cannot exceed the sum over
   * its months of min(SELF, X)).
   */
  private void relateCross(String period) {
    relateCrossTo(period, ContactTable.CALLER_GROUP_BY_GENDER, ContactTable.GENDER);
    relateCrossTo(period, ContactTable.CALLER_GROUP_BY_AGE_BAND, ContactTable.AGE_BAND);
  }

  private void relateCrossTo(String period, ContactTable cross, ContactTable columnTable) {
    List<String> rows = ContactTable.CALLER_GROUP.keys(vocabulary);
    List<String> columns = columnTable.keys(vocabulary);
    for (String row : rows) {
      tabulation.sum(
          tabulation.index(id(period, ContactTable.CALLER_GROUP.id(), row)),
          figures(period, cross.id(), columns.stream().map(c -> row + "/" + c).toList()));
    }
    for (String column : columns) {
      tabulation.sum(
          tabulation.index(id(period, columnTable.id(), column)),
          figures(period, cross.id(), rows.stream().map(r -> r + "/" + column).toList()));
    }
  }

  private void addFigures(Period period) {
    for (Table table : period.tables()) {
      for (String key : table.keys()) {
        tabulation.figure(
            id(period.period(), table.name(), key),
            weight(period, table),
            table.name() + "|" + key);
      }
    }
  }

  /**
   * What losing a figure costs readers, per unit of its count, when secondary suppression chooses:
   * a quarter's figure four times a month's, a year's and all-time's sixteen times; a total four
   * times a breakdown's. Protection therefore hides month breakdowns first, which keeps the year
   * figures that parliamentary answers quote.
   */
  private static double weight(Period period, Table table) {
    double level =
        switch (period.kind()) {
          case "month" -> 1;
          case "quarter" -> 4;
          default -> 16;
        };
    boolean total = table.table() == ContactTable.TOTAL || table.table() == ContactTable.REFERRALS;
    return total ? 4 * level : level;
  }

  private void relateToChildren(String period, List<String> children, List<Table> tables) {
    for (Table table : tables) {
      for (String key : table.keys()) {
        tabulation.sum(
            tabulation.index(id(period, table.name(), key)),
            children.stream()
                .map(child -> tabulation.index(id(child, table.name(), key)))
                .toList());
      }
    }
  }

  /**
   * A month's relations: each breakdown of its contacts sums to its total, and each breakdown of
   * its referrals (outcomes too, once released) to the referrals' total; a caller group's referrals
   * never exceed its contacts; past offences sum to the people calling about themselves.
   */
  private void relateMonth(String m, boolean outcomes) {
    int total = tabulation.index(id(m, ContactTable.TOTAL.id(), ALL));
    for (ContactTable breakdown :
        List.of(
            ContactTable.CHANNEL,
            ContactTable.CALLER_GROUP,
            ContactTable.GENDER,
            ContactTable.AGE_BAND,
            ContactTable.HOW_HEARD,
            ContactTable.FIRST_CONTACT,
            ContactTable.RISK)) {
      tabulation.sum(total, figures(m, breakdown));
    }
    for (String cg : ContactTable.CALLER_GROUP.keys(vocabulary)) {
      int group = tabulation.index(id(m, ContactTable.CALLER_GROUP.id(), cg));
      tabulation.atMost(
          tabulation.index(id(m, ContactTable.REFERRALS_BY_CALLER_GROUP.id(), cg)), group);
    }
    tabulation.sum(
        tabulation.index(id(m, ContactTable.CALLER_GROUP.id(), "SELF")),
        figures(m, ContactTable.PAST_OFFENCES_SELF));
    int referrals = tabulation.index(id(m, ContactTable.REFERRALS.id(), ALL));
    tabulation.sum(referrals, figures(m, ContactTable.REFERRALS_BY_CALLER_GROUP));
    tabulation.sum(referrals, figures(m, ContactTable.REFERRALS_BY_CENTRE_TYPE));
    tabulation.sum(referrals, figures(m, ContactTable.REFERRALS_BY_REGION));
    if (outcomes) {
      tabulation.sum(referrals, figures(m, ContactTable.OUTCOMES));
    }
  }

  private List<Integer> figures(String period, ContactTable table) {
    return figures(period, table.id(), table.keys(vocabulary));
  }

  private List<Integer> figures(String period, String table, List<String> keys) {
    return keys.stream().map(key -> tabulation.index(id(period, table, key))).toList();
  }

  /**
   * The true count of every figure (and hidden quantity) for these contacts; contacts of months not
   * laid out (unreleased or withheld) count nowhere. A referral without an outcome is {@code
   * UNCONFIRMED} once its contact date is at least {@code outcomeDays} days before {@code
   * dataThrough}, {@code PENDING} before that.
   */
  public long[] count(List<ContactFacts> facts, LocalDate dataThrough, int outcomeDays) {
    return count(facts, dataThrough, outcomeDays, Map.of());
  }

  /**
   * {@link #count(List, LocalDate, int)} where the true counts of figures released before are known
   * ({@code known}, by figure id, as they were when released): those figures keep them, and a new
   * quarter, year or all-through is the sum of its parts' counts. A registration that expired after
   * its month's release (or was removed from storage) therefore changes nothing: the new
   * all-through is the previous one plus the new year, as published figures say it is.
   */
  public long[] count(
      List<ContactFacts> facts, LocalDate dataThrough, int outcomeDays, Map<String, Long> known) {
    long[] counts = fromFacts(facts, dataThrough, outcomeDays);
    for (int i = 0; i < counts.length; i++) {
      Long count = known.get(tabulation.id(i));
      if (count != null) {
        counts[i] = count;
      }
    }
    for (Sum sum : sums) {
      for (Table table : sum.tables()) {
        for (String key : table.keys()) {
          String id = id(sum.period(), table.name(), key);
          if (known.containsKey(id)) {
            continue;
          }
          long total = 0;
          for (String part : sum.parts()) {
            total += counts[tabulation.index(id(part, table.name(), key))];
          }
          counts[tabulation.index(id)] = total;
        }
      }
    }
    return counts;
  }

  private long[] fromFacts(List<ContactFacts> facts, LocalDate dataThrough, int outcomeDays) {
    long[] counts = new long[tabulation.size()];
    Map<YearMonth, List<Period>> periodsOfMonth = new HashMap<>();
    for (Period period : periods) {
      for (YearMonth month : period.months()) {
        periodsOfMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(period);
      }
    }
    for (ContactFacts fact : facts) {
      for (Period period :
          periodsOfMonth.getOrDefault(YearMonth.from(fact.contactDate()), List.of())) {
        for (Table table : period.tables()) {
          String key =
              table.table() != ContactTable.OUTCOMES
                  ? table.table().keyOf(fact)
                  : fact.referred() ? outcome(fact, dataThrough, outcomeDays) : null;
          if (key != null) {
            counts[tabulation.index(id(period.period(), table.name(), key))]++;
          }
        }
      }
    }
    return counts;
  }

  private static String outcome(ContactFacts fact, LocalDate dataThrough, int outcomeDays) {
    String outcome = fact.referral().outcome();
    if (outcome != null) {
      return outcome;
    }
    // By month, like the answers themselves: a referral is pending while its month's answers can
    // still come (SPEC 6.1 rule 5), whatever its day.
    return YearMonth.from(fact.contactDate())
            .atEndOfMonth()
            .plusDays(outcomeDays)
            .isAfter(dataThrough)
        ? "PENDING"
        : "UNCONFIRMED";
  }
}
