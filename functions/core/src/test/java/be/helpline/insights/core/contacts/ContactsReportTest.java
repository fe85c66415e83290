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
  @Test
  void literal_escapesEveryMarkdownPunctuationAndLineBreak() {
    assertThat(ContactsReport.literal("[x](http://[)")).isEqualTo("\\[x\\]\\(http\\:\\/\\/\\[\\)");
    assertThat(ContactsReport.literal("<img src=x onerror=alert(1)>\n# Kop"))
        .isEqualTo("\\<img src\\=x onerror\\=alert\\(1\\)\\> \\# Kop");
    assertThat(ContactsReport.literal("Voorjaar 2020 – é")).isEqualTo("Voorjaar 2020 – é");
  }

  @Test
  void write_quotesACampaignNameStaffTypedAsTextNotMarkdown() throws Exception {
    ContactStatistics statistics =
        new ContactStatistics(
            Vocabulary.standard(),
            DisclosurePolicy.named("threshold5"),
            new ReleaseCalendar(30, 90),
            YearMonth.of(2020, 1));
    JsonNode contacts =
        statistics
            .release(
                null,
                ContactScenarios.random(3, 200, YearMonth.of(2020, 1), 12),
                LocalDate.parse("2021-06-01"))
            .contacts();
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
}
