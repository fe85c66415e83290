package be.helpline.insights.local;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The demo history, day by day: what the public sites, the banner network and the helpline saw in
 * 2019 and 2020, modelled on the Flemish programme's published figures at a smaller scale (a local
 * emulator takes about 50 writes a second), and from January of last year through the last complete
 * month before today (fewer visits, contacts at about the 2020 pace), so that a dashboard opened
 * today shows current figures and a whole year to compare with. The years between are left out:
 * loaded through the API day by day, eight years took the emulator past 5 GB and failed in the
 * fifth (moto copies a whole table for every transaction). Deterministic for a seed, and 2019 to
 * 2020 the same whatever follows. Shapes: visits to the self-help module rise with the first
 * lockdown (from 16 March 2020) and peak during the spring 2020 banner campaign (1 April to 19
 * May); about one in eight contacts is referred; four in five referrals arrive. Contacts stay at
 * the 2020 pace after it: at a third of it (0.6 a day) the months are so thin that protection found
 * no safe pattern for 2026-Q1 and withheld it.
 */
public final class DemoHistory {
  static final LocalDate FIRST_DAY = LocalDate.of(2019, 1, 1);

  /** The end of the Flemish programme's published figures; after it the sites are quieter. */
  static final LocalDate FLEMISH_FIGURES_END = LocalDate.of(2020, 12, 31);

  static final String CAMPAIGN = "spring20";
  static final LocalDate CAMPAIGN_START = LocalDate.of(2020, 4, 1);
  static final LocalDate CAMPAIGN_END = LocalDate.of(2020, 5, 19);
  static final Map<String, String> CREATIVES =
      Map.of("c1", "Kijk uit wat je kijkt!", "c2", "Dreig je een grens over te gaan?");

  /** Impressions and reach at one tenth of the 2020 campaign (2.2 million to 220,000 people). */
  static final long CAMPAIGN_IMPRESSIONS = 220_000;

  static final long CAMPAIGN_REACH = 22_000;

  private static final LocalDate LOCKDOWN = LocalDate.of(2020, 3, 16);
  private static final List<String> SOURCES =
      List.of("direct", "search", "search", "search", "social", "other");
  // Viewer country and region as CloudFront would send them; null: no header.
  private static final String[][] GEOGRAPHY = {
    {"BE", "VAN"}, {"BE", "VAN"}, {"BE", "VOV"}, {"BE", "VOV"}, {"BE", "VWV"}, {"BE", "VBR"},
    {"BE", "VLI"}, {"BE", "BRU"}, {"BE", "WHT"}, {"NL", null}, {"NL", null}, {"DE", null},
    {null, null}
  };

  /** One page view: the beacon's body fields and the edge's geography headers. */
  record PageView(
      String site,
      String path,
      String source,
      String campaign,
      boolean newVisit,
      Map<String, Boolean> device,
      String country,
      String region) {}

  /** A banner click on a creative; {@code landed} when the visitor's page view followed. */
  record Click(String creative, boolean landed) {}

  /**
   * One day's events.
   *
   * @param registrations registration bodies, as the staff form would send them
   */
  record Day(
      LocalDate date,
      List<PageView> pageViews,
      List<Click> clicks,
      List<Map<String, Object>> registrations) {}

  private final Random random;
  private int visitCount;

  DemoHistory(long seed) {
    this.random = new Random(seed);
  }

  /** The history's last day for a given today: the end of the last complete month before it. */
  static LocalDate lastDay(LocalDate today) {
    return today.withDayOfMonth(1).minusDays(1);
  }

  /**
   * The days of the history for a given today: 2019 and 2020, then last year through lastDay. The
   * aggregator bench compares its cases with them.
   */
  public static List<LocalDate> days(LocalDate today) {
    LocalDate last = lastDay(today);
    LocalDate recent = LocalDate.of(last.getYear() - 1, 1, 1);
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate date = FIRST_DAY; !date.isAfter(last); date = date.plusDays(1)) {
      if (!date.isAfter(FLEMISH_FIGURES_END) || !date.isBefore(recent)) {
        days.add(date);
      }
    }
    return days;
  }

  static boolean inCampaign(LocalDate date) {
    return !date.isBefore(CAMPAIGN_START) && !date.isAfter(CAMPAIGN_END);
  }

  Day day(LocalDate date) {
    List<PageView> pageViews = new ArrayList<>();
    List<Click> clicks = new ArrayList<>();
    boolean lockdown = !date.isBefore(LOCKDOWN);
    boolean later = date.isAfter(FLEMISH_FIGURES_END);
    boolean campaign = inCampaign(date);
    visits(pageViews, "selfhelp", poisson(later ? 2.5 : lockdown ? 3.5 : 2.0), null);
    visits(pageViews, "main", poisson(campaign ? 2.0 : later ? 1.0 : 1.2), null);
    if (campaign) {
      for (int i = poisson(3.1); i > 0; i--) {
        boolean landed = random.nextDouble() < 0.8;
        clicks.add(new Click(random.nextDouble() < 0.6 ? "c1" : "c2", landed));
        if (landed) {
          visits(pageViews, "selfhelp", 1, CAMPAIGN);
        }
      }
    }
    List<Map<String, Object>> registrations = new ArrayList<>();
    double contactsPerDay = later ? 1.5 : date.getYear() == 2019 ? 1.1 : lockdown ? 1.8 : 1.3;
    for (int i = poisson(contactsPerDay); i > 0; i--) {
      registrations.add(registration(date, campaign));
    }
    return new Day(date, pageViews, clicks, registrations);
  }

  /** Daily impression rows of the campaign per creative, adding up to the campaign's total. */
  List<String> impressionsCsv() {
    List<String> lines = new ArrayList<>(List.of("date,creative,impressions"));
    long days = CAMPAIGN_END.toEpochDay() - CAMPAIGN_START.toEpochDay() + 1;
    long left = CAMPAIGN_IMPRESSIONS;
    for (LocalDate date = CAMPAIGN_START; !date.isAfter(CAMPAIGN_END); date = date.plusDays(1)) {
      boolean last = date.equals(CAMPAIGN_END);
      long today = last ? left : CAMPAIGN_IMPRESSIONS / days;
      long first = Math.round(today * 0.59);
      lines.add(date + ",c1," + first);
      lines.add(date + ",c2," + (today - first));
      left -= today;
    }
    return lines;
  }

  private void visits(List<PageView> into, String site, int visits, String campaign) {
    for (int v = 0; v < visits; v++) {
      String source = campaign != null ? "campaign" : SOURCES.get(random.nextInt(SOURCES.size()));
      String[] geography = GEOGRAPHY[random.nextInt(GEOGRAPHY.length)];
      boolean consented = random.nextDouble() < 0.6;
      int pages = 1 + (random.nextDouble() < 0.4 ? 1 : 0);
      visitCount++;
      for (int page = 0; page < pages; page++) {
        boolean first = page == 0;
        into.add(
            new PageView(
                site,
                path(site, page),
                first ? source : "internal",
                first ? campaign : null,
                first,
                consented ? deviceFlags(first) : null,
                geography[0],
                geography[1]));
      }
    }
  }

  /**
   * The page's path, by turns (no random draw, so the figures of every other field stay as they
   * were): the self-help site's visits mostly start in a module, some on its start page or on a
   * page outside both sections; the main site's on its home page, then its help pages or its
   * contact page.
   */
  private String path(String site, int page) {
    if (site.equals("selfhelp")) {
      if (page == 0 && visitCount % 5 == 0) {
        return "/";
      }
      return page == 0 && visitCount % 7 == 0 ? "/over-deze-module" : "/module/" + (page + 1);
    }
    if (page == 0) {
      return "/";
    }
    return visitCount % 4 == 0 ? "/contact" : "/hulp/" + (1 + visitCount % 3);
  }

  /** Consistent flags: a first-ever visit is the first of its day and month, never a return. */
  private Map<String, Boolean> deviceFlags(boolean firstPageOfVisit) {
    boolean firstEver = firstPageOfVisit && random.nextDouble() < 0.7;
    boolean firstReturn = firstPageOfVisit && !firstEver && random.nextDouble() < 0.3;
    boolean firstOfMonth = firstEver || firstReturn || (firstPageOfVisit && random.nextBoolean());
    Map<String, Boolean> flags = new LinkedHashMap<>();
    flags.put("firstOfDay", firstPageOfVisit);
    flags.put("firstOfMonth", firstOfMonth);
    flags.put("firstEver", firstEver);
    flags.put("firstReturn", firstReturn);
    return flags;
  }

  private Map<String, Object> registration(LocalDate date, boolean campaign) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "id",
        new UUID(
                random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & ~(3L << 62) | (1L << 63))
            .toString());
    body.put("contactDate", date.toString());
    body.put("channel", pick("PHONE", 55, "CHAT", 30, "EMAIL", 15));
    String callerGroup = pick("SELF", 56, "RELATIVE", 30, "PROFESSIONAL", 10, "OTHER", 4);
    body.put("callerGroup", callerGroup);
    boolean self = callerGroup.equals("SELF");
    if (self) {
      body.put(
          "selfConcern",
          random.nextDouble() < 0.3 ? List.of("FEELINGS", "BEHAVIOUR") : List.of("FEELINGS"));
    }
    body.put("topics", random.nextDouble() < 0.5 ? List.of("CSAM") : List.of("ATTRACTION"));
    body.put("pastOffences", self ? pick("YES", 25, "NO", 60, "UNKNOWN", 15) : "UNKNOWN");
    if (self && random.nextDouble() < 0.1) {
      body.put("justiceHistory", List.of("CONVICTION"));
    }
    body.put("risk", pick("NONE", 80, "CONCERN", 12, "CONSULTED", 6, "REPORTED", 2));
    boolean referred = random.nextDouble() < (self ? 0.2 : 0.06);
    body.put(
        "support", referred ? List.of("ADVICE", "REFERRAL") : List.of("INFORMATION", "ADVICE"));
    if (referred) {
      body.put(
          "referral",
          Map.of(
              "centreType",
              pick("CAW", 30, "CGG", 35, "UFC", 25, "OTHER_SPECIALISED", 10),
              "region",
              pick(
                  "ANTWERPEN",
                  30,
                  "OOST_VLAANDEREN",
                  25,
                  "WEST_VLAANDEREN",
                  15,
                  "VLAAMS_BRABANT",
                  15,
                  "LIMBURG",
                  10,
                  "BRUSSEL",
                  5)));
    }
    body.put(
        "gender",
        self
            ? pick("MALE", 82, "FEMALE", 10, "X", 3, "UNKNOWN", 5)
            : pick("MALE", 30, "FEMALE", 62, "X", 3, "UNKNOWN", 5));
    body.put(
        "ageBand",
        pick(
            "UNDER_18",
            4,
            "18_25",
            18,
            "26_35",
            24,
            "36_45",
            20,
            "46_55",
            15,
            "56_65",
            9,
            "66_PLUS",
            4,
            "UNKNOWN",
            6));
    body.put(
        "howHeard",
        campaign && random.nextDouble() < 0.3
            ? "CAMPAIGN_BANNER"
            : pick(
                "SEARCH",
                35,
                "MEDIA",
                15,
                "SOCIAL",
                10,
                "PROFESSIONAL",
                20,
                "SELF_HELP_MODULE",
                10,
                "OTHER",
                5,
                "UNKNOWN",
                5));
    body.put("firstContact", pick("YES", 75, "NO", 20, "UNKNOWN", 5));
    return body;
  }

  /** A referral's outcome as the centre will report it, or null when it never reports. */
  String outcome() {
    double draw = random.nextDouble();
    return draw < 0.8 ? "ARRIVED" : draw < 0.95 ? "NOT_ARRIVED" : null;
  }

  /** Days between a referral and the centre's answer. */
  int daysToOutcome() {
    return 7 + random.nextInt(24);
  }

  /** A code drawn with the weights given after each code. */
  private String pick(Object... codesAndWeights) {
    int total = 0;
    for (int i = 1; i < codesAndWeights.length; i += 2) {
      total += (Integer) codesAndWeights[i];
    }
    int draw = random.nextInt(total);
    for (int i = 0; i < codesAndWeights.length; i += 2) {
      draw -= (Integer) codesAndWeights[i + 1];
      if (draw < 0) {
        return (String) codesAndWeights[i];
      }
    }
    throw new IllegalStateException("weights do not add up");
  }

  private int poisson(double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }
}
