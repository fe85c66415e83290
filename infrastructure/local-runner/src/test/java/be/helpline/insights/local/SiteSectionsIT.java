package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Page views per configured section, through the local API: the runner's self-help site has the
 * sections {@code start} ("/") and {@code module} ("/module/{n}") (infrastructure/local-parameters
 * .json); beacons for other paths, near misses included, count under {@code other}. The published
 * {@code bySection} equals what was sent, section by section.
 */
class SiteSectionsIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension();

  /** Each path sent, how many page views, how many of them began a visit, and its section. */
  private record Sent(String path, int pageviews, int visits, String section) {}

  private static final Sent[] SENT = {
    new Sent("/module/1", 9, 6, "module"),
    new Sent("/module/2?stap=3#oefening", 5, 1, "module"),
    new Sent("/module/12/", 4, 0, "module"),
    new Sent("/", 6, 5, "start"),
    new Sent("/index.html", 2, 2, "other"),
    new Sent("/module", 3, 1, "other"),
    new Sent("/module/1/extra", 2, 0, "other"),
    new Sent("/over-deze-module", 1, 1, "other"),
  };

  private static int beacon(String path, boolean newVisit) throws Exception {
    String body =
        "{\"site\": \"selfhelp\", \"path\": \"%s\", \"source\": \"search\", \"newVisit\": %s}"
            .formatted(path, newVisit);
    return HTTP.send(
            HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/v1/beacons"))
                .header("origin", "https://selfhelp.example")
                .header("content-type", "text/plain;charset=UTF-8")
                .header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131 Safari/537.36")
                .POST(BodyPublishers.ofString(body))
                .build(),
            BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void pageViewsPerSection_equalTheBeaconsSentPerSection_unconfiguredPathsUnderOther()
      throws Exception {
    Map<String, long[]> expected = new LinkedHashMap<>();
    for (String section : new String[] {"start", "module", "other"}) {
      expected.put(section, new long[2]);
    }
    for (Sent sent : SENT) {
      for (int i = 0; i < sent.pageviews(); i++) {
        assertThat(beacon(sent.path(), i < sent.visits())).isEqualTo(204);
      }
      expected.get(sent.section())[0] += sent.pageviews();
      expected.get(sent.section())[1] += sent.visits();
    }
    LOCAL.http().aggregate("{}");
    JsonNode selfhelp =
        Json.mapper()
            .readTree(LOCAL.http().snapshot("traffic.json"))
            .path("sites")
            .path("selfhelp");

    Map<String, long[]> published = new LinkedHashMap<>();
    for (JsonNode row : selfhelp.path("bySection").path("total")) {
      published.put(
          row.path("key").asText(),
          new long[] {row.path("pageviews").asLong(), row.path("visits").asLong()});
    }
    System.out.printf(
        "bySection.total of selfhelp: %s%n", selfhelp.path("bySection").path("total"));
    assertThat(published).containsOnlyKeys("start", "module", "other");
    expected.forEach(
        (section, counts) ->
            assertThat(published.get(section)).as(section).containsExactly(counts));
    // The sections add up to the site: 32 page views, 16 visits.
    assertThat(selfhelp.path("total").path("pageviews").asLong()).isEqualTo(32);
    assertThat(selfhelp.path("total").path("visits").asLong()).isEqualTo(16);
    assertThat(selfhelp.path("bySection").path("daily").toString())
        .doesNotContain("/module", "over-deze", "index.html", "stap=");
  }
}
