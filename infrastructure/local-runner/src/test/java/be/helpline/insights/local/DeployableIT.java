package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.aws.testing.Events;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.testing.ProjectFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs each function's deployable (the minimised jar that template.yaml's CodeUri names) in a class
 * loader of its own, with nothing of the test classpath, against the emulator: proves that
 * minimising kept everything the function loads at run time, and that the jar fits its 10 MiB
 * budget.
 */
class DeployableIT {
  private static final long BUDGET = 10L * 1024 * 1024;
  private static final String SITES =
      """
      {"main": {"origin": "https://stopitnow.example", "mode": "returning"},
       "selfhelp": {"origin": "https://selfhelp.example", "mode": "returning"}}\
      """;

  private final Emulator emulator = Emulator.moto();
  private final List<String> logLines = new ArrayList<>();
  private Map<String, String> env;

  @BeforeEach
  void setUp() {
    env =
        emulator.env(
            Map.ofEntries(
                Map.entry("COUNTERS_TABLE", emulator.newTable("counters")),
                Map.entry("REGISTRATIONS_TABLE", emulator.newTable("registrations")),
                Map.entry("CAMPAIGNS_TABLE", emulator.newTable("campaigns")),
                Map.entry("SNAPSHOT_BUCKET", emulator.newBucket()),
                Map.entry("SITES", SITES),
                Map.entry("COUNTER_SHARDS", "4"),
                Map.entry("RETENTION_DAYS", "3650"),
                Map.entry("REFERRAL_CODE_KEY", emulator.newKey()),
                Map.entry("REPORTING_TIME_ZONE", "Europe/Brussels"),
                Map.entry("DISCLOSURE_POLICY", "threshold5"),
                Map.entry("DEFAULT_LANDING_URL", "https://stopitnow.example/"),
                Map.entry("PROGRAMME_START", "2018-12-01"),
                Map.entry("LANDING_HOSTS", "stopitnow.example,selfhelp.example")));
  }

  @Test
  void beacon_deployable_countsABeacon() throws Exception {
    JsonNode answer =
        invoke("beacon", "be.helpline.insights.beacon.BeaconHandler", "beacon-post.json");

    assertThat(answer.path("statusCode").asInt()).isEqualTo(204);
    assertThat(emulator.dynamoDb().scan(s -> s.tableName(env.get("COUNTERS_TABLE"))).items())
        .hasSize(1);
  }

  @Test
  void aggregator_deployable_publishesASnapshot() throws Exception {
    JsonNode answer =
        invoke(
            "aggregator",
            "be.helpline.insights.aggregator.AggregatorHandler",
            "aggregator-scheduled.json");

    assertThat(answer.path("runId").asText()).isNotBlank();
    String latest =
        emulator.object(env.get("SNAPSHOT_BUCKET"), "snapshots/v1/LATEST.json").asUtf8String();
    assertThat(latest).contains(answer.path("runId").asText());
    assertThat(
            emulator
                .object(env.get("SNAPSHOT_BUCKET"), "snapshots/v1/latest/campaigns.json")
                .asUtf8String())
        .contains("\"campaigns\"");
  }

  @Test
  void registration_deployable_importsAnImpressionReportAsCsv() throws Exception {
    String handler = "be.helpline.insights.registration.RegistrationHandler";
    assertThat(invoke("registration", handler, "campaign-put.json").path("statusCode").asInt())
        .isEqualTo(200);

    JsonNode answer = invoke("registration", handler, "impressions-put-csv.json");

    assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
    assertThat(Json.mapper().readTree(answer.path("body").asText()).path("impressions").asLong())
        .isEqualTo(89796);
  }

  @Test
  void click_deployable_redirectsToTheDefaultLandingForAnUnknownCampaign() throws Exception {
    JsonNode answer = invoke("click", "be.helpline.insights.click.ClickHandler", "click-get.json");

    assertThat(answer.path("statusCode").asInt()).isEqualTo(302);
    assertThat(answer.path("headers").path("location").asText())
        .isEqualTo("https://stopitnow.example/");
  }

  @Test
  void registration_deployable_storesARegistration() throws Exception {
    JsonNode answer =
        invoke(
            "registration",
            "be.helpline.insights.registration.RegistrationHandler",
            "registration-post.json");

    assertThat(answer.path("statusCode").asInt()).isEqualTo(201);
    assertThat(Json.mapper().readTree(answer.path("body").asText()).path("referralCode").asText())
        .isNotBlank();
    assertThat(emulator.dynamoDb().scan(s -> s.tableName(env.get("REGISTRATIONS_TABLE"))).items())
        .hasSize(2);
  }

  private JsonNode invoke(String function, String handlerClass, String event) throws Exception {
    Path jar =
        ProjectFiles.root().resolve("functions/" + function + "/target/" + function + ".jar");
    assertThat(jar).exists();
    assertThat(Files.size(jar)).isLessThanOrEqualTo(BUDGET);
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> type = loader.loadClass(handlerClass);
      assertThat(type.getClassLoader()).isSameAs(loader);
      Object handler =
          type.getConstructor(Map.class, Clock.class)
              .newInstance(env, Clock.fixed(Instant.parse("2020-04-15T09:21:47Z"), ZoneOffset.UTC));
      Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      type.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType)
          .invoke(
              handler,
              new ByteArrayInputStream(Json.mapper().writeValueAsBytes(Events.load(event))),
              out,
              context(loader, contextType));
      return Json.mapper().readTree(out.toByteArray());
    }
  }

  private Object context(ClassLoader loader, Class<?> contextType) throws Exception {
    Class<?> loggerType = loader.loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
    Object logger =
        Proxy.newProxyInstance(
            loader,
            new Class<?>[] {loggerType},
            objectMethods(
                (proxy, method, args) -> {
                  logLines.add(String.valueOf(args[0]));
                  return null;
                }));
    return Proxy.newProxyInstance(
        loader,
        new Class<?>[] {contextType},
        objectMethods(
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getLogger" -> logger;
                  case "getAwsRequestId" -> "deployable-it";
                  case "getFunctionName" -> "deployable-it";
                  case "getRemainingTimeInMillis" -> 10_000;
                  case "getMemoryLimitInMB" -> 1024;
                  default -> null;
                }));
  }

  private static InvocationHandler objectMethods(InvocationHandler rest) {
    return (proxy, method, args) ->
        switch (method.getName()) {
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "deployable-it";
          default -> rest.invoke(proxy, method, args);
        };
  }
}
