package be.helpline.insights.click;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Events;
import be.helpline.insights.aws.testing.TestContext;
import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Storage that does not answer never keeps a visitor from the landing page. */
class ClickHandlerStorageDownIT {

  @Test
  void storageUnreachable_redirectsToTheDefaultWithinOneSecondAndCountsTheLoss() throws Exception {
    System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "test"));
    System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "test"));
    ClickHandler handler =
        new ClickHandler(
            Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:9",
                "COUNTERS_TABLE", "counters",
                "CAMPAIGNS_TABLE", "campaigns",
                "LANDING_HOSTS", "stopitnow.example,selfhelp.example",
                "DEFAULT_LANDING_URL", "https://stopitnow.example/",
                "COUNTER_SHARDS", "4",
                "RETENTION_DAYS", "3650",
                "REPORTING_TIME_ZONE", "Europe/Brussels"),
            Clock.systemUTC());
    TestContext context = new TestContext();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] event = Json.mapper().writeValueAsBytes(Events.load("click-get.json"));

    long started = System.nanoTime();
    handler.handleRequest(new ByteArrayInputStream(event), out, context);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    JsonNode response = Json.mapper().readTree(out.toByteArray());
    assertThat(response.path("statusCode").asInt()).isEqualTo(302);
    assertThat(response.path("headers").path("location").asText())
        .isEqualTo("https://stopitnow.example/");
    assertThat(took).isLessThan(Duration.ofSeconds(1));
    assertThat(context.logLines())
        .filteredOn(line -> line.startsWith("WARN ") && line.contains("click_count_lost"))
        .hasSize(1);
    JsonNode metric =
        Json.mapper()
            .readTree(
                context.logLines().stream()
                    .filter(line -> line.startsWith("{\"ClickCountLost\""))
                    .findFirst()
                    .orElseThrow());
    assertThat(metric.path("ClickCountLost").asInt()).isEqualTo(1);
    assertThat(metric.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText())
        .isEqualTo("HelplineInsights");
  }
}
