package be.helpline.insights.core.contacts;

import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.core.vocabulary.Vocabulary.Language;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The written answer to the standing questions of a parliamentary question (SPEC section 4), in
 * Dutch or English, built only from the published documents (contacts.json, traffic.json,
 * campaigns.json), never from raw counts: a suppressed count is said as "fewer than k" (primary) or
 * "not published" (secondary), never as a number. The report year is the last calendar year with
 * contacts that is released (the current year when there is none).
 *
 * <p>The prose of each language is in {@code report.<language>.properties} beside this class, one
 * pattern per sentence; this class picks the figures and the sentences, one method per section.
 */
final class ContactsReport {
  private static final Map<Language, Properties> PROSE = new EnumMap<>(Language.class);
  private static final Map<Language, DateTimeFormatter> DATES =
      Map.of(
          Language.NL, DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.forLanguageTag("nl-BE")),
          Language.EN, DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK));

  static {
    for (Language language : Language.values()) {
      PROSE.put(language, prose(language));
    }
  }

  private final Language language;
  private final Vocabulary vocabulary;
  private final Properties prose;
  private final int k;
  private final List<String> out = new ArrayList<>();

  private ContactsReport(Language language, Vocabulary vocabulary, int k) {
    this.language = language;
    this.vocabulary = vocabulary;
    this.prose = PROSE.get(language);
    this.k = k;
  }

  static String write(
      Language language,
      Vocabulary vocabulary,
      JsonNode contacts,
      JsonNode traffic,
      JsonNode campaigns) {
    int k = contacts.path("policy").path("threshold").asInt(5);
    return new ContactsReport(language, vocabulary, k).render(contacts, traffic, campaigns);
  }

  private String render(JsonNode contacts, JsonNode traffic, JsonNode campaigns) {
    LocalDate dataThrough = LocalDate.parse(contacts.path("dataThrough").asText());
    String visitsThrough =
        traffic != null && traffic.path("dataThrough").isTextual()
            ? date(traffic.path("dataThrough").asText())
            : date(dataThrough.toString());
    JsonNode year = yearPeriod(contacts);
    String y = year == null ? String.valueOf(dataThrough.getYear()) : year.path("period").asText();
    add(say("title", y), "");
    add(
        year == null
            ? say("intro.noYear", visitsThrough)
            : say("intro.year", y, date(year.path("released").asText()), visitsThrough));
    add("", say("intro.suppression", k - 1, k));
    campaigns(campaigns);
    selfHelp(traffic, visitsThrough);
    JsonNode previous = period(contacts, String.valueOf(Integer.parseInt(y) - 1));
    if (year == null) {
      add("", say("contacts.heading"), "", say("contacts.none", y));
    } else {
      JsonNode t = year.path("tables");
      contacts(t, y, previous);
      referrals(t, y);
      pastOffences(t);
      genderAndAge(t);
    }
    add("");
    return String.join("\n", out);
  }

  /** Each campaign's reach and clicks, and where its clicks led (SPEC section 4's funnel). */
  private void campaigns(JsonNode campaigns) {
    add("", say("campaigns.heading"), "");
    JsonNode list = campaigns == null ? null : campaigns.path("campaigns");
    if (list == null || !list.isArray() || list.isEmpty()) {
      add(say("campaigns.none"));
      return;
    }
    for (JsonNode c : list) {
      long clicks = c.path("clicks").asLong();
      String line =
          say(
              c.path("reach").isIntegralNumber()
                  ? "campaigns.campaign"
                  : "campaigns.campaignWithoutReach",
              literal(c.path("name").asText(c.path("id").asText())),
              date(c.path("start").asText()),
              date(c.path("end").asText()),
              number(c.path("impressions").asLong()),
              number(c.path("reach").asLong()),
              number(clicks));
      List<String> reached = new ArrayList<>();
      c.path("landing")
          .path("bySite")
          .properties()
          .forEach(
              site ->
                  reached.add(
                      say(
                          "campaigns.funnelSite",
                          number(site.getValue().asLong()),
                          prose.getProperty("site." + site.getKey(), site.getKey()))));
      if (clicks > 0 && !reached.isEmpty()) {
        line += say("campaigns.funnel", and(reached));
      }
      add(line);
    }
  }

  private void selfHelp(JsonNode traffic, String through) {
    add("", say("selfhelp.heading"), "");
    JsonNode selfhelp = traffic == null ? null : traffic.path("sites").path("selfhelp");
    if (selfhelp == null || selfhelp.isMissingNode()) {
      add(say("selfhelp.none"));
      return;
    }
    JsonNode total = selfhelp.path("total");
    String visits = number(total.path("visits").asLong());
    add(
        total.has("newVisitors")
            ? say(
                "selfhelp.visitsAndVisitors",
                visits,
                number(total.path("newVisitors").asLong()),
                number(total.path("returningVisitors").asLong()),
                through)
            : say("selfhelp.visits", visits, through));
    List<String> regions = new ArrayList<>();
    for (JsonNode geo : selfhelp.path("byGeo").path("total")) {
      String code = geo.path("key").asText();
      regions.add(
          prose.getProperty("region." + code, code) + " " + number(geo.path("visits").asLong()));
    }
    if (!regions.isEmpty()) {
      add(say("selfhelp.byRegion", String.join(", ", regions)));
    }
  }

  private void contacts(JsonNode t, String y, JsonNode previous) {
    add("", say("contacts.heading"), "");
    JsonNode total = ContactTable.TOTAL.find(t, ContactTables.ALL);
    add(say("contacts.year", y, beforeNoun(total)));
    String before = String.valueOf(Integer.parseInt(y) - 1);
    if (previous == null) {
      add(say("contacts.noPreviousYear", before));
      return;
    }
    JsonNode then = ContactTable.TOTAL.find(previous.path("tables"), ContactTables.ALL);
    add(say("contacts.previousYear", before, beforeNoun(then), change(total, then)));
  }

  private void referrals(JsonNode t, String y) {
    add("", say("referrals.heading"), "");
    String total = beforeNoun(ContactTable.REFERRALS.find(t, ContactTables.ALL));
    JsonNode share = t.path("referrals").path("share");
    add(
        share.isNumber()
            ? say("referrals.totalAndShare", y, total, percent(share))
            : say("referrals.total", y, total));
    add(
        say(
            "referrals.byCallerGroup",
            list(t, ContactTable.REFERRALS_BY_CALLER_GROUP, "callerGroup")));
    JsonNode outcomes = t.path("outcomes");
    if (outcomes.path("releaseOn").isTextual()) {
      add(say("referrals.outcomesReleaseOn", y, date(outcomes.path("releaseOn").asText())));
      return;
    }
    List<String> items = new ArrayList<>();
    for (String key : ContactTables.OUTCOMES) {
      items.add(say("list.item", prose.getProperty("outcome." + key), inList(outcome(t, key))));
    }
    JsonNode rate = outcomes.path("arrivalRate");
    add(
        say("referrals.outcomes", String.join(prose.getProperty("list.separator"), items))
            + (rate.isNumber() ? say("referrals.arrivalRate", percent(rate)) : ""));
  }

  private void pastOffences(JsonNode t) {
    add("", say("pastOffences.heading"), "");
    add(
        say(
            "pastOffences.text",
            beforeNoun(ContactTable.PAST_OFFENCES_SELF.find(t, "YES")),
            beforeNoun(ContactTable.RISK.find(t, "REPORTED"))));
  }

  private void genderAndAge(JsonNode t) {
    add("", say("genderAndAge.heading"), "");
    add(say("genderAndAge.gender", list(t, ContactTable.GENDER, "gender")));
    add(
        say(
            "genderAndAge.women",
            beforeNoun(ContactTable.CALLER_GROUP_BY_GENDER.find(t, "SELF/FEMALE")),
            beforeNoun(ContactTable.CALLER_GROUP_BY_GENDER.find(t, "RELATIVE/FEMALE"))));
    add(say("genderAndAge.age", list(t, ContactTable.AGE_BAND, "ageBand")));
  }

  private void add(String... lines) {
    out.addAll(List.of(lines));
  }

  /** A sentence of this language's prose with its values (already written out). */
  private String say(String key, Object... values) {
    String pattern = prose.getProperty(key);
    if (pattern == null) {
      throw new IllegalStateException("report prose lacks " + key + " in " + language);
    }
    Object[] texts = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      texts[i] = String.valueOf(values[i]);
    }
    return new MessageFormat(pattern, Locale.ROOT).format(texts);
  }

  /** A count before its noun: "1.500", "minder dan 5", "een niet gepubliceerd aantal". */
  private String beforeNoun(JsonNode cell) {
    return count(cell, "count.secondaryBeforeNoun");
  }

  /** A count after its label in a list: "1.500", "minder dan 5", "niet gepubliceerd". */
  private String inList(JsonNode cell) {
    return count(cell, "count.secondaryInList");
  }

  private String count(JsonNode cell, String secondary) {
    if (cell.path("count").isIntegralNumber()) {
      return number(cell.path("count").asLong());
    }
    if (cell.path("suppressed").asText().equals("primary")) {
      return say("count.primary", k);
    }
    return say(secondary);
  }

  private static JsonNode outcome(JsonNode t, String key) {
    return ContactTable.OUTCOMES.find(t, key);
  }

  /** Each cell of a table as "label: count", in the table's order. */
  private String list(JsonNode t, ContactTable table, String field) {
    Vocabulary.Field labels = vocabulary.field(field);
    List<String> parts = new ArrayList<>();
    for (JsonNode cell : table.cells(t)) {
      parts.add(say("list.item", labels.label(cell.path("key").asText(), language), inList(cell)));
    }
    return String.join(prose.getProperty("list.separator"), parts);
  }

  /** "a", "a and b", "a, b and c". */
  private String and(List<String> parts) {
    if (parts.size() == 1) {
      return parts.getFirst();
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + prose.getProperty("list.and")
        + parts.getLast();
  }

  private String number(long value) {
    return number(value, language == Language.NL);
  }

  /** A date as the language writes it: 1 april 2020, 1 April 2020 (from an ISO date or instant). */
  private String date(String iso) {
    return DATES.get(language).format(LocalDate.parse(iso.substring(0, 10)));
  }

  /** The change of a count against the year before, or nothing where either is not published. */
  private String change(JsonNode now, JsonNode before) {
    if (!now.path("count").isIntegralNumber()
        || !before.path("count").isIntegralNumber()
        || before.path("count").asLong() == 0) {
      return "";
    }
    long change =
        Math.round((now.path("count").asDouble() / before.path("count").asDouble() - 1) * 100);
    return say("change", (change > 0 ? "+" : "") + change);
  }

  private static Properties prose(Language language) {
    String name = "report." + language.name().toLowerCase(Locale.ROOT) + ".properties";
    try (InputStream in = ContactsReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no report prose " + name);
      }
      Properties prose = new Properties();
      prose.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return prose;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The newest released year with contacts, else the newest released year, else null: the report
   * answers for a year once it is closed and released (SPEC section 6.1).
   */
  private static JsonNode yearPeriod(JsonNode contacts) {
    JsonNode newest = null;
    JsonNode withContacts = null;
    for (JsonNode p : contacts.path("periods")) {
      if (!p.path("kind").asText().equals("year")) {
        continue;
      }
      newest = p;
      JsonNode total = ContactTable.TOTAL.find(p.path("tables"), ContactTables.ALL);
      if (!(total.path("count").isIntegralNumber() && total.path("count").asLong() == 0)) {
        withContacts = p;
      }
    }
    return withContacts != null ? withContacts : newest;
  }

  private static JsonNode period(JsonNode contacts, String period) {
    for (JsonNode p : contacts.path("periods")) {
      if (p.path("kind").asText().equals("year") && p.path("period").asText().equals(period)) {
        return p;
      }
    }
    return null;
  }

  /** A whole number as the language writes it: 1.500 in Dutch, 1,500 in English. */
  static String number(long value, boolean nl) {
    return java.text.NumberFormat.getIntegerInstance(
            nl ? java.util.Locale.forLanguageTag("nl-BE") : java.util.Locale.UK)
        .format(value);
  }

  private static String percent(JsonNode ratio) {
    return Math.round(ratio.asDouble() * 100) + "%";
  }

  /**
   * Text that staff typed (a campaign's name), as Markdown that reads it literally: every ASCII
   * punctuation character backslash-escaped (CommonMark), so a name such as {@code [x](http://[)}
   * is shown as typed, never a link, markup or HTML, and line breaks become spaces.
   */
  static String literal(String text) {
    StringBuilder escaped = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        escaped.append(' ');
      } else if (c < 0x80 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0) {
        escaped.append('\\').append(c);
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
