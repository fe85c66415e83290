package be.helpline.insights.core.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.vocabulary.Vocabulary;
import be.helpline.insights.testing.ContactScenarios;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class ContactsReportTest {
  /** 200 contacts over 2020, everything released (outcomes too) as of 1 June 2021. */
  private static final JsonNode CONTACTS_2020 =
      new ContactStatistics(
              Vocabulary.standard(),
              DisclosurePolicy.named("threshold5"),
              new ReleaseCalendar(30, 90),
              YearMonth.of(2020, 1))
          .release(
              null,
              ContactScenarios.random(3, 200, YearMonth.of(2020, 1), 12),
              LocalDate.parse("2021-06-01"))
          .contacts();

  @Test
  void literal_escapesEveryMarkdownPunctuationAndLineBreak() {
    assertThat(ContactsReport.literal("[x](http://[)")).isEqualTo("\\[x\\]\\(http\\:\\/\\/\\[\\)");
    assertThat(ContactsReport.literal("<img src=x onerror=alert(1)>\n# Kop"))
        .isEqualTo("\\<img src\\=x onerror\\=alert\\(1\\)\\> \\# Kop");
    assertThat(ContactsReport.literal("Voorjaar 2020 – é")).isEqualTo("Voorjaar 2020 – é");
  }

  @Test
  void write_quotesACampaignNameStaffTypedAsTextNotMarkdown() throws Exception {
    JsonNode contacts = CONTACTS_2020;
    JsonNode campaigns =
        Json.mapper()
            .readTree(
                """
                {"campaigns": [{"id": "spring20", "name": "[x](http://[)", "start": "2020-04-01",
                 "end": "2020-05-19", "impressions": 10, "reach": 5, "clicks": 1}]}\
                """);

    String report =
        ContactsReport.write(
            Vocabulary.Language.NL,
            Vocabulary.standard(),
            contacts,
            Json.mapper().createObjectNode(),
            campaigns);

    assertThat(report)
        .contains("- \\[x\\]\\(http\\:\\/\\/\\[\\), van 1 april 2020 tot en met 19 mei 2020");
    assertThat(report).doesNotContain("[x](");
  }

  private static java.util.Properties prose(String language) throws Exception {
    java.util.Properties prose = new java.util.Properties();
    try (var in = ContactsReport.class.getResourceAsStream("report." + language + ".properties")) {
      prose.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    return prose;
  }

  @Test
  void prose_eachLanguageSaysEverySentenceWithTheSameValues() throws Exception {
    java.util.Properties nl = prose("nl");
    java.util.Properties en = prose("en");

    assertThat(nl.stringPropertyNames()).isNotEmpty().isEqualTo(en.stringPropertyNames());
    for (String key : nl.stringPropertyNames()) {
      // The same number of values in both, each used: a translation drops no figure.
      int values =
          new java.text.MessageFormat(en.getProperty(key)).getFormatsByArgumentIndex().length;
      assertThat(new java.text.MessageFormat(nl.getProperty(key)).getFormatsByArgumentIndex())
          .as(key)
          .hasSize(values);
    }
    assertThat(nl.getProperty("change")).startsWith(" (");
  }

  @Test
  void write_answersEverySectionInOrder_inBothLanguages() {
    JsonNode contacts = CONTACTS_2020;
    long total = 0;
    for (JsonNode period : contacts.path("periods")) {
      if (period.path("period").asText().equals("2020")) {
        total = period.path("tables").path("total").path("count").asLong();
      }
    }
    JsonNode traffic =
        Json.mapper()
            .createObjectNode()
            .set(
                "sites",
                Json.mapper()
                    .createObjectNode()
                    .set(
                        "selfhelp",
                        Json.mapper()
                            .createObjectNode()
                            .set("total", Json.mapper().createObjectNode().put("visits", 42))));

    String nl =
        ContactsReport.write(
            Vocabulary.Language.NL, Vocabulary.standard(), contacts, traffic, null);
    String en =
        ContactsReport.write(
            Vocabulary.Language.EN, Vocabulary.standard(), contacts, traffic, null);

    assertThat(nl.lines().filter(line -> line.startsWith("#")))
        .containsExactly(
            "# Antwoord op de vaste vragen, 2020",
            "## Campagnes: bereik, kliks en bezoeken",
            "## Zelfhulpmodule",
            "## Contacten en vergelijking met het vorige jaar",
            "## Doorverwijzingen",
            "## Eerder grensoverschrijdend gedrag en meldingen",
            "## Gender en leeftijd");
    assertThat(en.lines().filter(line -> line.startsWith("#")))
        .containsExactly(
            "# Answer to the standing questions, 2020",
            "## Campaigns: reach, clicks and visits",
            "## Self-help module",
            "## Contacts and change against the previous year",
            "## Referrals",
            "## Past offences and protocol reports",
            "## Gender and age");
    assertThat(nl)
        .contains(
            "In 2020 nam de hulplijn " + ContactsReport.number(total, true) + " contacten op.")
        .contains("telde de zelfhulpmodule 42 bezoeken.")
        .contains("Deze momentopname bevat geen campagnecijfers.")
        .doesNotContain("{");
    assertThat(en)
        .contains("In 2020 the helpline had " + ContactsReport.number(total, false) + " contacts.")
        .contains("the self-help module had 42 visits.")
        .contains("There are no figures for 2019 to compare with.")
        .doesNotContain("{");
  }

  /** Campaigns as campaigns.json has them, with where the clicks led. */
  private static final String CAMPAIGNS =
      """
      {"campaigns": [{"id": "spring20", "name": "Voorjaar 2020", "start": "2020-04-01",
       "end": "2020-05-19", "impressions": 2200000, "reach": 220000, "clicks": 1497,
       "landing": {"taggedVisits": 1405, "confirmationRate": 0.939,
                   "bySite": {"main": 1320, "selfhelp": 85}}}]}\
      """;

  private static final String TRAFFIC =
      """
      {"dataThrough": "2021-05-31T21:59:59Z", "sites": {"selfhelp": {
       "total": {"visits": 16969, "newVisitors": 11477, "returningVisitors": 5492},
       "byGeo": {"total": [{"key": "BE-VLG", "visits": 5492}, {"key": "NL", "visits": 2329},
                           {"key": "UNKNOWN", "visits": 9148}]}}}}\
      """;

  /** What a reader would stumble on: codes, raw numbers and dates, broken suppressed phrases. */
  private static void assertReadsAsProse(String report, boolean nl) {
    assertThat(report)
        .as("no code of the data instead of words")
        .doesNotContainPattern("\\b(BE-[A-Z]{3}|[A-Z]+_[A-Z_]+|ARRIVED|PENDING|SELF|RELATIVE)\\b")
        .as("numbers of 1,000 and more written with separators")
        .doesNotContainPattern("(?<![\\d.,])(?!19\\d\\d|20\\d\\d)\\d{4,}(?![\\d.,])")
        .as("dates written out, not as ISO dates")
        .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}")
        .as("a suppressed count stands before its noun")
        .doesNotContainPattern(
            nl
                ? "een niet gepubliceerd aantal (?!personen|contacten|vrouwen)"
                : "an unpublished number of (?!people|contacts|women)")
        .doesNotContain("{");
  }

  /** The report in one language, checked to read as prose ({@link #assertReadsAsProse}). */
  private static String proseReport(
      Vocabulary.Language language, JsonNode contacts, JsonNode traffic, JsonNode campaigns) {
    String report =
        ContactsReport.write(language, Vocabulary.standard(), contacts, traffic, campaigns);
    assertReadsAsProse(report, language == Vocabulary.Language.NL);
    return report;
  }

  @Test
  void write_theFlemishYear_answersAsAMinisterWouldSignIt() throws Exception {
    JsonNode contacts =
        new ContactStatistics(
                Vocabulary.standard(),
                DisclosurePolicy.named("threshold5"),
                new ReleaseCalendar(30, 90),
                YearMonth.of(2020, 1))
            .release(null, ContactScenarios.flemish2020(2020), LocalDate.parse("2021-06-01"))
            .contacts();
    JsonNode campaigns = Json.mapper().readTree(CAMPAIGNS);
    JsonNode traffic = Json.mapper().readTree(TRAFFIC);

    String nl = proseReport(Vocabulary.Language.NL, contacts, traffic, campaigns);
    String en = proseReport(Vocabulary.Language.EN, contacts, traffic, campaigns);
    assertThat(en)
        .contains("This answer covers 2020: contact figures from 1 January to 31 December 2020,")
        .contains("released on 1 June 2021")
        .contains(
            "- Voorjaar 2020, from 1 April 2020 to 19 May 2020 inclusive: 2,200,000 impressions"
                + " to an estimated 220,000 people, 1,497 clicks. Of those clicks, 1,320 led to the"
                + " website and 85 led to the self-help module")
        .contains("up to and including 31 May 2021, the self-help module had 16,969 visits")
        .contains("Visits by region: Flanders 5,492, the Netherlands 2,329, unknown 9,148.")
        .contains("In 2020 the helpline had 1,500 contacts.")
        .contains("In 2020 the helpline referred 195 people to further help, 13% of all contacts.")
        .contains("arrived at the service: 156; did not arrive: 39")
        .contains("The helpline heard from 34 women about themselves and from 261 women");
    assertThat(nl)
        .contains("Dit antwoord gaat over 2020")
        .contains("gepubliceerd op 1 juni 2021")
        .contains("2.200.000 vertoningen aan naar schatting 220.000 personen, 1.497 kliks.")
        .contains("Van die kliks leidden er 1.320 naar de website en 85 naar de zelfhulpmodule")
        .contains("Bezoeken per regio: Vlaanderen 5.492, Nederland 2.329, onbekend 9.148.")
        .contains("In 2020 nam de hulplijn 1.500 contacten op.")
        .contains("Over zichzelf namen 34 vrouwen contact op");
  }

  @Test
  void write_aThinYearWithSuppressedCells_saysEachSuppressedFigureAsAWholePhrase() {
    String nl = proseReport(Vocabulary.Language.NL, CONTACTS_2020, null, null);
    String en = proseReport(Vocabulary.Language.EN, CONTACTS_2020, null, null);
    // 200 contacts over a year: some figures are suppressed, and each reads as a phrase.
    assertThat(en).containsPattern(": (fewer than 5|not published)[;.]");
    assertThat(nl).containsPattern(": (minder dan 5|niet gepubliceerd)[;.]");
    assertThat(en).doesNotContain("an unpublished number of did").doesNotContain("of;");
  }
}
