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

    assertThat(report).contains("- \\[x\\]\\(http\\:\\/\\/\\[\\) (2020-04-01 tot 2020-05-19)");
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
            "## Campagnes: bereik en kliks",
            "## Zelfhulpmodule",
            "## Contacten en vergelijking met het vorige jaar",
            "## Doorverwijzingen",
            "## Eerder grensoverschrijdend gedrag en meldingen",
            "## Gender en leeftijd");
    assertThat(en.lines().filter(line -> line.startsWith("#")))
        .containsExactly(
            "# Answer to the standing questions, 2020",
            "## Campaigns: reach and clicks",
            "## Self-help module",
            "## Contacts and change against the previous year",
            "## Referrals",
            "## Past offences and protocol reports",
            "## Gender and age");
    assertThat(nl)
        .contains(
            "In 2020 nam de hulplijn " + ContactsReport.number(total, true) + " contacten op.")
        .contains("Sinds de lancering telde de zelfhulpmodule 42 bezoeken.")
        .contains("Deze momentopname bevat geen campagnecijfers.")
        .doesNotContain("{");
    assertThat(en)
        .contains("In 2020 the helpline had " + ContactsReport.number(total, false) + " contacts.")
        .contains("Since its launch the self-help module had 42 visits.")
        .contains("There are no figures for 2019 to compare with.")
        .doesNotContain("{");
  }
}
