package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A campaign name staff typed is text wherever it is published, through the local API end to end:
 * {@code [x](http://[)} (a Markdown link with a malformed target, which once stopped the dashboard)
 * is kept as typed in campaigns.json and quoted as escaped, literal Markdown in both reports.
 */
class HostileCampaignNameIT {
  private static final String NAME = "[x](http://[) <img src=x onerror=alert(1)>";
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension();

  private static RunnerHttp http() {
    return LOCAL.http();
  }

  @Test
  void campaignNamedLikeALink_isPublishedAsTypedAndQuotedAsText() throws Exception {
    String body =
        Json.mapper()
            .writeValueAsString(
                Map.of(
                    "name", NAME,
                    "start", "2020-04-01",
                    "end", "2020-05-19",
                    "landingUrl", "https://stopitnow.example/",
                    "creatives", Map.of("c1", "Kijk uit wat je kijkt!")));
    var answer =
        http()
            .send(
                http()
                    .request("/v1/campaigns/spring20", "Bearer " + http().token("coordinator"))
                    .PUT(BodyPublishers.ofString(body)));
    assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);

    http().aggregate("{\"rebuild\": true}");

    assertThat(Json.mapper().readTree(http().snapshot("campaigns.json")).toString())
        .contains("\"name\":\"[x](http://[) <img src=x onerror=alert(1)>\"");
    for (String report : new String[] {"report.nl.md", "report.en.md"}) {
      String text = http().snapshot(report);
      assertThat(text)
          .as(report)
          .contains("\\[x\\]\\(http\\:\\/\\/\\[\\) \\<img src\\=x onerror\\=alert\\(1\\)\\>")
          .doesNotContain("[x](")
          .doesNotContainPattern("(?<!\\\\)<img");
    }
  }
}
