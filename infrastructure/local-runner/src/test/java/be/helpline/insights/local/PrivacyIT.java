package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.core.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * SPEC privacy rules 1 and 6, end to end: after beacons (counted, refused, from bots) and staff
 * calls that carry an IP address, a User-Agent, a referrer URL, a cookie and query strings, none of
 * those values is in any stored item, any log line or any published snapshot file.
 */
class PrivacyIT {
  private static final String IP = "203.0.113.77";
  private static final String SECOND_IP = "198.51.100.23";
  private static final String USER_AGENT =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131 Safari/537.36"
          + " PrivacyProbe/4.2";
  private static final String BOT_AGENT =
      "Mozilla/5.0 (compatible; ProbeBot/1.0; +https://bot.invalid)";
  private static final String REFERRER = "https://www.google.com/search?q=privacy-probe-referrer";
  private static final String COOKIE = "visitor=privacy-probe-cookie";
  private static final String QUERY = "email=privacy-probe%40example.org";
  private static final String PATH_QUERY = "privacy-probe-path-query";

  private static final List<String> LOG = Collections.synchronizedList(new ArrayList<>());
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension(LOG::add);

  private static int beacon(String origin, String userAgent, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/v1/beacons?" + QUERY))
            .header("origin", origin)
            .header("content-type", "text/plain;charset=UTF-8")
            .header("user-agent", userAgent)
            .header("referer", REFERRER)
            .header("cookie", COOKIE)
            .header("x-forwarded-for", IP + ", " + SECOND_IP)
            .header("cloudfront-viewer-country", "BE")
            .header("cloudfront-viewer-country-region", "VOV")
            .POST(BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, BodyHandlers.ofString()).statusCode();
  }

  private static HttpResponse<String> staff(String method, String path, String token, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve(path + "?" + QUERY))
            .header("authorization", "Bearer " + token)
            .header("content-type", "application/json")
            .header("user-agent", USER_AGENT)
            .header("referer", REFERRER)
            .header("cookie", COOKIE)
            .header("x-forwarded-for", IP + ", " + SECOND_IP)
            .method(method, BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, BodyHandlers.ofString());
  }

  private static String token(String group) throws Exception {
    String answer =
        HTTP.send(
                HttpRequest.newBuilder(
                        LOCAL.runner().baseUri().resolve("/local/token?group=" + group))
                    .build(),
                BodyHandlers.ofString())
            .body();
    return Json.mapper().readTree(answer).path("token").asText();
  }

  private static void setClock(String instant) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/local/clock"))
                .PUT(BodyPublishers.ofString("{\"now\": \"" + instant + "\"}"))
                .build(),
            BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
  }

  @Test
  void nothingIdentifyingReachesStorageLogsOrSnapshots() throws Exception {
    // The day after the contact: a contact of a released month would be refused.
    setClock("2020-04-16T10:00:00Z");
    String responder = token("responder");
    String registration =
        """
        {"id": "6a0f3c1e-2b4d-4e8f-9a1b-3c5d7e9f0a2b", "contactDate": "2020-04-15",
         "channel": "CHAT", "callerGroup": "RELATIVE", "pastOffences": "UNKNOWN", "risk": "NONE",
         "support": ["REFERRAL"], "referral": {"centreType": "CAW", "region": "LIMBURG"},
         "gender": "FEMALE", "ageBand": "46_55", "howHeard": "SEARCH", "firstContact": "YES"}\
        """;
    assertThat(staff("POST", "/v1/registrations", responder, registration).statusCode())
        .isEqualTo(201);
    assertThat(
            staff(
                    "POST",
                    "/v1/registrations",
                    responder,
                    registration.replace(
                        "\"FEMALE\"", "\"FEMALE\", \"notes\": \"privacy-probe-note\""))
                .statusCode())
        .isEqualTo(400);
    String counted =
        """
        {"site": "selfhelp", "path": "/module/2?%s", "source": "search", "newVisit": true,
         "device": {"firstOfDay": true, "firstOfMonth": true, "firstEver": true, "firstReturn": false}}\
        """
            .formatted(PATH_QUERY);
    assertThat(beacon("https://selfhelp.example", USER_AGENT, counted)).isEqualTo(204);
    assertThat(beacon("https://selfhelp.example", BOT_AGENT, counted)).isEqualTo(204);
    assertThat(beacon("https://evil.example", USER_AGENT, counted)).isEqualTo(403);
    assertThat(beacon("https://selfhelp.example", USER_AGENT, "{\"site\": \"" + IP + "\"}"))
        .isEqualTo(400);
    // Aggregated once April is released, so that its contact figures are published too.
    setClock("2020-06-01T10:00:00Z");
    assertThat(
            HTTP.send(
                    HttpRequest.newBuilder(LOCAL.runner().baseUri().resolve("/local/aggregate"))
                        .POST(BodyPublishers.noBody())
                        .build(),
                    BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);

    List<String> identifying =
        List.of(
            IP,
            SECOND_IP,
            "127.0.0.1",
            USER_AGENT,
            "PrivacyProbe",
            "ProbeBot",
            REFERRER,
            "privacy-probe-referrer",
            "privacy-probe-cookie",
            "privacy-probe",
            PATH_QUERY,
            "/module/2",
            responder,
            "dev-responder",
            UUID.nameUUIDFromBytes("dev-responder".getBytes(StandardCharsets.UTF_8)).toString(),
            "privacy-probe-note");
    String stored = storedItems();
    String published = publishedFiles();
    String logs = String.join("\n", LOG);

    assertThat(stored).contains("selfhelp", "LIMBURG");
    assertThat(published).contains("\"selfhelp\"", "ledger/v1/counters.json.gz");
    assertThat(LOG).isNotEmpty();
    for (String value : identifying) {
      assertThat(stored).as("stored items").doesNotContain(value);
      assertThat(published).as("snapshot files").doesNotContain(value);
      assertThat(logs).as("log lines").doesNotContain(value);
    }
  }

  private static String storedItems() {
    Emulator emulator = Emulator.at(LOCAL.runner().emulator());
    StringBuilder all = new StringBuilder();
    for (String table : emulator.dynamoDb().listTables().tableNames()) {
      emulator.dynamoDb().scanPaginator(scan -> scan.tableName(table)).items().forEach(all::append);
    }
    return all.toString();
  }

  private static String publishedFiles() {
    Emulator emulator = Emulator.at(LOCAL.runner().emulator());
    StringBuilder all = new StringBuilder();
    for (var bucket : emulator.s3().listBuckets().buckets()) {
      for (S3Object object :
          emulator.s3().listObjectsV2Paginator(list -> list.bucket(bucket.name())).contents()) {
        all.append(object.key()).append('\n');
        byte[] content = emulator.object(bucket.name(), object.key()).asByteArray();
        if (object.key().endsWith(".gz")) {
          // The aggregator's private counter history: read what it holds, not its compression.
          try (var in =
              new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(content))) {
            content = in.readAllBytes();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
        all.append(new String(content, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }
}
