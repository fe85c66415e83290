package be.helpline.insights.core.contacts;

import be.helpline.insights.core.disclosure.Tabulation;
import be.helpline.insights.core.vocabulary.Vocabulary;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of {@code contacts.json} as one linked family of tables: per month the one-way tables;
 * per quarter, year and all-time the same plus callerGroup × gender and callerGroup × ageBand. The
 * tabulation relates them all: every table of a period sums to that period's total (referral tables
 * to the referrals' total), a quarter's cell is the sum of its months', a year's of its quarters',
 * all-time of the years'; a cross table's rows and columns are the period's one-way tables;
 * referrals of a caller group never exceed that group's contacts; pastOffencesSelf sums to the SELF
 * contacts. The audit therefore sees differencing within a table, across periods and through the
 * cross tables.
 */
public final class ContactTables {
  /** Referral outcome classes (the cells of {@code outcomes}). */
  public static final List<String> OUTCOMES =
      List.of("ARRIVED", "NOT_ARRIVED", "UNCONFIRMED", "PENDING");

  static final String ALL = "ALL";

  /** One list table of a period: its name in figure ids, and its keys in display order. */
  public record Table(String name, List<String> keys) {}

  /** One period: {@code month}, {@code quarter}, {@code year} or {@code all}. */
  public record Period(String kind, String period, List<YearMonth> months, List<Table> tables) {}

  private final Vocabulary vocabulary;
  private final List<YearMonth> months;
  private final List<Period> periods = new ArrayList<>();
  private final Tabulation tabulation = new Tabulation();

  private ContactTables(Vocabulary vocabulary, List<YearMonth> months) {
    this.vocabulary = vocabulary;
    this.months = List.copyOf(months);
    build();
  }

  /** Every month from January of the first year through the last month. */
  public static ContactTables of(Vocabulary vocabulary, YearMonth first, YearMonth last) {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = YearMonth.of(first.getYear(), 1); !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m);
    }
    return new ContactTables(vocabulary, months);
  }

  public Tabulation tabulation() {
    return tabulation;
  }

  public List<Period> periods() {
    return periods;
  }

  /** The figure id of a cell: {@code <period>|<table>|<key>}. */
  public static String id(String period, String table, String key) {
    return period + "|" + table + "|" + key;
  }

  private List<Table> oneWay() {
    List<Table> tables = new ArrayList<>();
    tables.add(new Table("total", List.of(ALL)));
    for (String field :
        List.of(
            "channel", "callerGroup", "gender", "ageBand", "howHeard", "firstContact", "risk")) {
      tables.add(new Table(field, vocabulary.codes(field)));
    }
    tables.add(new Table("pastOffencesSelf", vocabulary.codes("pastOffences")));
    tables.add(new Table("referrals.total", List.of(ALL)));
    tables.add(new Table("referrals.callerGroup", vocabulary.codes("callerGroup")));
    tables.add(new Table("referrals.centreType", vocabulary.codes("referral.centreType")));
    tables.add(new Table("referrals.region", vocabulary.codes("referral.region")));
    tables.add(new Table("outcomes", OUTCOMES));
    return tables;
  }

  private List<Table> crossTables() {
    return List.of(
        new Table("callerGroupByGender", pairs("callerGroup", "gender")),
        new Table("callerGroupByAgeBand", pairs("callerGroup", "ageBand")));
  }

  private List<String> pairs(String rows, String columns) {
    List<String> keys = new ArrayList<>();
    for (String row : vocabulary.codes(rows)) {
      for (String column : vocabulary.codes(columns)) {
        keys.add(row + "/" + column);
      }
    }
    return keys;
  }

  private void build() {
    List<Table> oneWay = oneWay();
    List<Table> withCross = new ArrayList<>(oneWay);
    withCross.addAll(crossTables());
    for (YearMonth month : months) {
      Period period = new Period("month", month.toString(), List.of(month), oneWay);
      periods.add(period);
      addFigures(period);
      relateMonth(month.toString());
    }
    Map<String, List<YearMonth>> quarters = new LinkedHashMap<>();
    Map<String, List<String>> quartersOfYear = new LinkedHashMap<>();
    for (YearMonth month : months) {
      String quarter = month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
      quarters.computeIfAbsent(quarter, q -> new ArrayList<>()).add(month);
    }
    for (Map.Entry<String, List<YearMonth>> quarter : quarters.entrySet()) {
      Period period = new Period("quarter", quarter.getKey(), quarter.getValue(), withCross);
      periods.add(period);
      addFigures(period);
      List<String> children = quarter.getValue().stream().map(YearMonth::toString).toList();
      relateToChildren(period.period(), children, oneWay);
      relateCross(period.period());
      quartersOfYear
          .computeIfAbsent(quarter.getKey().substring(0, 4), y -> new ArrayList<>())
          .add(quarter.getKey());
    }
    List<YearMonth> allMonths = new ArrayList<>();
    for (Map.Entry<String, List<String>> year : quartersOfYear.entrySet()) {
      List<YearMonth> yearMonths =
          months.stream().filter(m -> String.valueOf(m.getYear()).equals(year.getKey())).toList();
      allMonths.addAll(yearMonths);
      Period period = new Period("year", year.getKey(), yearMonths, withCross);
      periods.add(period);
      addFigures(period);
      relateToChildren(period.period(), year.getValue(), withCross);
      relateCross(period.period());
    }
    Period all = new Period("all", "all", allMonths, withCross);
    periods.add(all);
    addFigures(all);
    relateToChildren("all", List.copyOf(quartersOfYear.keySet()), withCross);
    relateCross("all");
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
    List<String> callerGroups = vocabulary.codes("callerGroup");
    relateCrossTo(
        period, "callerGroupByGender", callerGroups, vocabulary.codes("gender"), "gender");
    relateCrossTo(
        period, "callerGroupByAgeBand", callerGroups, vocabulary.codes("ageBand"), "ageBand");
  }

  private void relateCrossTo(
      String period, String cross, List<String> rows, List<String> columns, String columnTable) {
    for (String row : rows) {
      tabulation.sum(
          tabulation.index(id(period, "callerGroup", row)),
          figures(period, cross, columns.stream().map(c -> row + "/" + c).toList()));
    }
    for (String column : columns) {
      tabulation.sum(
          tabulation.index(id(period, columnTable, column)),
          figures(period, cross, rows.stream().map(r -> r + "/" + column).toList()));
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
    boolean total = table.name().equals("total") || table.name().equals("referrals.total");
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

  private void relateMonth(String m) {
    List<String> callerGroups = vocabulary.codes("callerGroup");
    int total = tabulation.index(id(m, "total", ALL));
    for (String field :
        List.of(
            "channel", "callerGroup", "gender", "ageBand", "howHeard", "firstContact", "risk")) {
      tabulation.sum(total, figures(m, field, vocabulary.codes(field)));
    }
    for (String cg : callerGroups) {
      int group = tabulation.index(id(m, "callerGroup", cg));
      tabulation.atMost(tabulation.index(id(m, "referrals.callerGroup", cg)), group);
    }
    tabulation.sum(
        tabulation.index(id(m, "callerGroup", "SELF")),
        figures(m, "pastOffencesSelf", vocabulary.codes("pastOffences")));
    int referrals = tabulation.index(id(m, "referrals.total", ALL));
    tabulation.sum(referrals, figures(m, "referrals.callerGroup", callerGroups));
    tabulation.sum(
        referrals, figures(m, "referrals.centreType", vocabulary.codes("referral.centreType")));
    tabulation.sum(referrals, figures(m, "referrals.region", vocabulary.codes("referral.region")));
    tabulation.sum(referrals, figures(m, "outcomes", OUTCOMES));
  }

  private List<Integer> figures(String period, String table, List<String> keys) {
    return keys.stream().map(key -> tabulation.index(id(period, table, key))).toList();
  }

  /**
   * The true count of every figure (and hidden quantity) for these contacts. A referral without an
   * outcome is {@code UNCONFIRMED} once its contact date is at least {@code outcomeDays} days
   * before {@code dataThrough}, {@code PENDING} before that.
   */
  public long[] count(List<ContactFacts> facts, LocalDate dataThrough, int outcomeDays) {
    long[] counts = new long[tabulation.size()];
    Map<YearMonth, List<String>> periodsOfMonth = new LinkedHashMap<>();
    for (Period period : periods) {
      for (YearMonth month : period.months()) {
        periodsOfMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(period.period());
      }
    }
    for (ContactFacts fact : facts) {
      YearMonth month = YearMonth.from(fact.contactDate());
      List<String> inPeriods = periodsOfMonth.get(month);
      if (inPeriods == null) {
        throw new IllegalArgumentException("contact outside the tabulated months: " + month);
      }
      String m = month.toString();
      for (String period : inPeriods) {
        for (String[] cell : cells(fact, dataThrough, outcomeDays, !period.equals(m))) {
          counts[tabulation.index(id(period, cell[0], cell[1]))]++;
        }
      }
    }
    return counts;
  }

  private static List<String[]> cells(
      ContactFacts fact, LocalDate dataThrough, int outcomeDays, boolean withCross) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"total", ALL});
    cells.add(new String[] {"channel", fact.channel()});
    cells.add(new String[] {"callerGroup", fact.callerGroup()});
    cells.add(new String[] {"gender", fact.gender()});
    cells.add(new String[] {"ageBand", fact.ageBand()});
    cells.add(new String[] {"howHeard", fact.howHeard()});
    cells.add(new String[] {"firstContact", fact.firstContact()});
    cells.add(new String[] {"risk", fact.risk()});
    if ("SELF".equals(fact.callerGroup())) {
      cells.add(new String[] {"pastOffencesSelf", fact.pastOffences()});
    }
    if (fact.referred()) {
      ContactFacts.Referral referral = fact.referral();
      cells.add(new String[] {"referrals.total", ALL});
      cells.add(new String[] {"referrals.callerGroup", fact.callerGroup()});
      cells.add(new String[] {"referrals.centreType", referral.centreType()});
      cells.add(new String[] {"referrals.region", referral.region()});
      cells.add(new String[] {"outcomes", outcome(fact, dataThrough, outcomeDays)});
    }
    if (withCross) {
      cells.add(new String[] {"callerGroupByGender", fact.callerGroup() + "/" + fact.gender()});
      cells.add(new String[] {"callerGroupByAgeBand", fact.callerGroup() + "/" + fact.ageBand()});
    }
    return cells;
  }

  private static String outcome(ContactFacts fact, LocalDate dataThrough, int outcomeDays) {
    String outcome = fact.referral().outcome();
    if (outcome != null) {
      return outcome;
    }
    return fact.contactDate().plusDays(outcomeDays).isAfter(dataThrough)
        ? "PENDING"
        : "UNCONFIRMED";
  }
}
