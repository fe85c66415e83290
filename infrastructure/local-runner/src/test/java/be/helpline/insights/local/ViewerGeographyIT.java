package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Geography is CloudFront's, not the sender's, through the local API: a beacon with forged
 * CloudFront-Viewer-Country headers and no origin secret (or a wrong one) counts as UNKNOWN; one
 * that came through the public distribution (which adds X-Origin-Verify) counts where the edge
 * placed it.
 */
class ViewerGeographyIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension();

  private static int beacon(String originSecret) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/v1/beacons"))
            .header("origin", "https://selfhelp.example")
            .header("content-type", "text/plain;charset=UTF-8")
            .header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131 Safari/537.36")
            .header("cloudfront-viewer-country", "BE")
            .header("cloudfront-viewer-country-region", "VOV")
            .POST(
                BodyPublishers.ofString(
                    "{\"site\":\"selfhelp\",\"path\":\"/\",\"source\":\"direct\",\"newVisit\":true}"));
    if (originSecret != null) {
      request.header("x-origin-verify", originSecret);
    }
    return HTTP.send(request.build(), BodyHandlers.discarding()).statusCode();
  }

  @Test
  void forgedViewerCountry_withoutTheOriginSecret_isUnknown_withIt_isTheRegion() throws Exception {
    assertThat(LOCAL.runner().originSecret()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(beacon(null)).isEqualTo(204);
    assertThat(beacon("not-the-secret")).isEqualTo(204);
    assertThat(beacon(LOCAL.runner().originSecret())).isEqualTo(204);

    assertThat(
            HTTP.send(
                    HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/local/aggregate"))
                        .POST(BodyPublishers.noBody())
                        .build(),
                    BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
    JsonNode traffic =
        Json.mapper()
            .readTree(
                HTTP.send(
                        HttpRequest.newBuilder(
                                LOCAL
                                    .runner()
                                    .baseUri()
                                    .resolve("/snapshots/v1/latest/traffic.json"))
                            .build(),
                        BodyHandlers.ofString())
                    .body());

    JsonNode byGeo = traffic.path("sites").path("selfhelp").path("byGeo").path("total");
    assertThat(visits(byGeo, "UNKNOWN")).isEqualTo(2);
    assertThat(visits(byGeo, "BE-VLG")).isEqualTo(1);
  }

  private static long visits(JsonNode byGeo, String key) {
    for (JsonNode row : byGeo) {
      if (row.path("key").asText().equals(key)) {
        return row.path("visits").asLong();
      }
    }
    return 0;
  }
}
