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
    JsonNode year = yearPeriod(contacts);
    String y = year == null ? String.valueOf(dataThrough.getYear()) : year.path("period").asText();
    add(say("title", y), "", say("intro", dataThrough, k - 1, k));
    campaigns(campaigns);
    selfHelp(traffic);
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

  private void campaigns(JsonNode campaigns) {
    add("", say("campaigns.heading"), "");
    JsonNode list = campaigns == null ? null : campaigns.path("campaigns");
    if (list == null || !list.isArray() || list.isEmpty()) {
      add(say("campaigns.none"));
      return;
    }
    for (JsonNode c : list) {
      add(
          say(
              "campaigns.campaign",
              literal(c.path("name").asText(c.path("id").asText())),
              c.path("start").asText(),
              c.path("end").asText(),
              c.path("impressions").asLong(),
              c.path("reach").asLong(),
              c.path("clicks").asLong()));
    }
  }

  private void selfHelp(JsonNode traffic) {
    add("", say("selfhelp.heading"), "");
    JsonNode selfhelp = traffic == null ? null : traffic.path("sites").path("selfhelp");
    if (selfhelp == null || selfhelp.isMissingNode()) {
      add(say("selfhelp.none"));
      return;
    }
    JsonNode total = selfhelp.path("total");
    long visits = total.path("visits").asLong();
    add(
        total.has("newVisitors")
            ? say(
                "selfhelp.visitsAndVisitors",
                visits,
                total.path("newVisitors").asLong(),
                total.path("returningVisitors").asLong())
            : say("selfhelp.visits", visits));
    List<String> regions = new ArrayList<>();
    for (JsonNode geo : selfhelp.path("byGeo").path("total")) {
      regions.add(geo.path("key").asText() + ": " + geo.path("visits").asLong());
    }
    if (!regions.isEmpty()) {
      add(say("selfhelp.byRegion", String.join(", ", regions)));
    }
  }

  private void contacts(JsonNode t, String y, JsonNode previous) {
    add("", say("contacts.heading"), "");
    JsonNode total = ContactTable.TOTAL.find(t, ContactTables.ALL);
    add(say("contacts.year", y, count(total)));
    String before = String.valueOf(Integer.parseInt(y) - 1);
    if (previous == null) {
      add(say("contacts.noPreviousYear", before));
      return;
    }
    JsonNode then = ContactTable.TOTAL.find(previous.path("tables"), ContactTables.ALL);
    add(say("contacts.previousYear", before, count(then), change(total, then)));
  }

  private void referrals(JsonNode t, String y) {
    add("", say("referrals.heading"), "");
    String total = count(ContactTable.REFERRALS.find(t, ContactTables.ALL));
    JsonNode share = t.path("referrals").path("share");
    add(
        share.isNumber()
            ? say("referrals.totalAndShare", total, percent(share))
            : say("referrals.total", total));
    add(
        say(
            "referrals.byCallerGroup",
            cells(t, ContactTable.REFERRALS_BY_CALLER_GROUP, "callerGroup")));
    JsonNode outcomes = t.path("outcomes");
    if (outcomes.path("releaseOn").isTextual()) {
      add(say("referrals.outcomesReleaseOn", y, outcomes.path("releaseOn").asText()));
      return;
    }
    JsonNode rate = outcomes.path("arrivalRate");
    add(
        say(
                "referrals.outcomes",
                outcome(t, "ARRIVED"),
                outcome(t, "NOT_ARRIVED"),
                outcome(t, "UNCONFIRMED"),
                outcome(t, "PENDING"))
            + (rate.isNumber() ? say("referrals.arrivalRate", percent(rate)) : ""));
  }

  private void pastOffences(JsonNode t) {
    add("", say("pastOffences.heading"), "");
    add(
        say(
            "pastOffences.text",
            count(ContactTable.PAST_OFFENCES_SELF.find(t, "YES")),
            count(ContactTable.RISK.find(t, "REPORTED"))));
  }

  private void genderAndAge(JsonNode t) {
    add("", say("genderAndAge.heading"), "");
    add(say("genderAndAge.gender", cells(t, ContactTable.GENDER, "gender")));
    add(
        say(
            "genderAndAge.women",
            count(ContactTable.CALLER_GROUP_BY_GENDER.find(t, "SELF/FEMALE")),
            count(ContactTable.CALLER_GROUP_BY_GENDER.find(t, "RELATIVE/FEMALE"))));
    add(say("genderAndAge.age", cells(t, ContactTable.AGE_BAND, "ageBand")));
  }

  private void add(String... lines) {
    out.addAll(List.of(lines));
  }

  /** A sentence of this language's prose with its values (numbers as plain digits). */
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

  /** A published count as a number, a suppressed one in words. */
  private String count(JsonNode cell) {
    if (cell.path("count").isIntegralNumber()) {
      return number(cell.path("count").asLong(), language == Language.NL);
    }
    if (cell.path("suppressed").asText().equals("primary")) {
      return say("count.primary", k);
    }
    return say("count.secondary");
  }

  private String outcome(JsonNode t, String key) {
    return count(ContactTable.OUTCOMES.find(t, key));
  }

  /** Each cell of a table as its label and count: "Man 12, Vrouw minder dan 5". */
  private String cells(JsonNode t, ContactTable table, String field) {
    Vocabulary.Field labels = vocabulary.field(field);
    List<String> parts = new ArrayList<>();
    for (JsonNode cell : table.cells(t)) {
      parts.add(labels.label(cell.path("key").asText(), language) + " " + count(cell));
    }
    return String.join(", ", parts);
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
