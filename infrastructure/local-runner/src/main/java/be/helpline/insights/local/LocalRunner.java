package be.helpline.insights.local;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the whole system on one machine (SPEC section 5): the AWS emulator, the tables and buckets
 * of template.yaml, the functions it declares behind a local HTTP API that plays API Gateway, the
 * schedule, the staff web app and demo data. {@link #main} is what {@code make run} starts; tests
 * use {@link #start}.
 */
public final class LocalRunner implements AutoCloseable {
  private static final String PUBLIC_BEACON_ROUTE = "POST /v1/beacons";

  private final Options options;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private boolean stopping;
  private volatile URI baseUri;
  private volatile URI endpoint;
  private volatile List<FunctionSetup> functionSetups = List.of();

  /**
   * A function as the runner set it up: its handler, deployable, memory, timeout and the
   * environment it hands the handler. For tools that start a function elsewhere, such as the
   * cold-start benchmark.
   */
  public record FunctionSetup(
      String logicalId,
      String handlerClass,
      String codeUri,
      int memoryMb,
      int timeoutSeconds,
      Map<String, String> environment) {}

  private LocalRunner(Options options) {
    this.options = options;
  }

  /** Starts everything and returns once the local API answers {@code /local/health} with 200. */
  public static LocalRunner start(Options options) throws IOException {
    LocalRunner runner = new LocalRunner(options);
    try {
      runner.boot();
    } catch (IOException | RuntimeException e) {
      runner.close();
      throw e;
    }
    return runner;
  }

  public static void main(String[] args) {
    Options options = Options.fromEnvironment(System.getenv(), projectRoot());
    LocalRunner runner = new LocalRunner(options);
    // Ctrl-C (SIGINT) runs the shutdown hooks: the runner stops what it started, moto included.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runner.close();
                  options.console().println("Stopped.");
                },
                "local-runner-shutdown"));
    try {
      runner.boot();
    } catch (IOException | RuntimeException e) {
      System.err.println("The local runner could not start: " + e.getMessage());
      runner.close();
      System.exit(1);
    }
    try {
      runner.closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The local API, e.g. {@code http://127.0.0.1:3000}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The functions of template.yaml, in template order, with the environment the runner gives. */
  public List<FunctionSetup> functions() {
    return functionSetups;
  }

  /** The AWS emulator the functions talk to. */
  public URI endpoint() {
    return endpoint;
  }

  /** Stops everything this runner started, in reverse order. Safe to call more than once. */
  @Override
  public void close() {
    synchronized (resources) {
      stopping = true;
    }
    while (true) {
      AutoCloseable resource;
      synchronized (resources) {
        resource = resources.pollFirst();
      }
      if (resource == null) {
        break;
      }
      try {
        resource.close();
      } catch (Exception e) {
        options.console().println("while stopping: " + e);
      }
    }
    closed.countDown();
  }

  private <T extends AutoCloseable> T register(T resource) {
    synchronized (resources) {
      if (!stopping) {
        resources.push(resource);
        return resource;
      }
    }
    try {
      resource.close();
    } catch (Exception e) {
      // stopping anyway
    }
    throw new IllegalStateException("the runner is stopping");
  }

  private void boot() throws IOException {
    PrintStream console = options.console();
    ensureCredentials();
    Template template = Template.load(options.projectRoot(), options.region());
    Emulator emulator =
        register(
            options.endpoint() != null
                ? Emulator.external(options.endpoint())
                : Emulator.startMoto(options.projectRoot(), Emulator.MOTO_PORT));
    endpoint = emulator.endpoint();
    Region region = Region.of(options.region());
    DynamoDbClient dynamoDb = register(dynamoDb(region, endpoint));
    S3Client s3 = register(s3(region, endpoint));

    Bootstrap bootstrap = new Bootstrap(dynamoDb, s3, region);
    List<String> tables = bootstrap.createTables(template);
    List<String> buckets = bootstrap.createBuckets(template);
    try (KmsClient kms = kms(region, endpoint)) {
      Bootstrap.createKeys(kms, template);
    }

    SettableClock clock = SettableClock.systemUtc();
    RunnerLog log = new RunnerLog(options.logSink(), Clock.systemUTC());
    Map<String, LocalFunction> functions = new LinkedHashMap<>();
    List<FunctionSetup> setups = new ArrayList<>();
    ScheduledFunction scheduled = null;
    for (Template.Function spec : template.functions()) {
      Map<String, String> env = new TreeMap<>(spec.environment());
      env.put("AWS_REGION", options.region());
      env.put("AWS_ENDPOINT_URL", endpoint.toString());
      LocalFunction function =
          LocalFunction.create(spec, env, clock, options.logSink(), options.region());
      functions.put(spec.logicalId(), function);
      setups.add(
          new FunctionSetup(
              spec.logicalId(),
              spec.handlerClass(),
              spec.codeUri(),
              spec.memoryMb(),
              spec.timeoutSeconds(),
              Map.copyOf(env)));
      if (scheduled == null && !spec.schedules().isEmpty()) {
        scheduled = register(new ScheduledFunction(function, spec.schedules().getFirst(), log));
      }
    }

    functionSetups = List.copyOf(setups);

    Template.Api api = template.api();
    Map<String, JwtAuthorizer> authorizers = new LinkedHashMap<>();
    RSAKey signingKey = JwtAuthorizer.newSigningKey();
    api.authorizers()
        .forEach((name, spec) -> authorizers.put(name, JwtAuthorizer.create(spec, signingKey)));
    JwtAuthorizer tokens =
        api.defaultAuthorizer() != null && authorizers.containsKey(api.defaultAuthorizer())
            ? authorizers.get(api.defaultAuthorizer())
            : authorizers.values().stream().findFirst().orElse(null);
    List<String> groups = groups(template);
    Template.Function beacon = functionWithRoute(template, PUBLIC_BEACON_ROUTE);
    Map<String, String> sites = beacon == null ? Map.of() : siteOrigins(beacon);
    Template.Function campaigns = functionWithRoute(template, "PUT /v1/campaigns/{id}");
    List<String> landingHosts =
        campaigns == null
            ? List.of()
            : List.of(campaigns.environment().getOrDefault("LANDING_HOSTS", "").split(",")).stream()
                .map(String::strip)
                .filter(host -> !host.isEmpty())
                .toList();
    String snapshotBucket =
        scheduled == null ? null : scheduled.function().spec().environment().get("SNAPSHOT_BUCKET");
    LocalRoutes local =
        new LocalRoutes(
            options.projectRoot(),
            tokens,
            groups,
            clock,
            scheduled,
            s3,
            snapshotBucket,
            sites,
            landingHosts);
    LocalApi server = register(LocalApi.of(template, functions, authorizers, local, clock, log));
    baseUri = server.start(options.host(), options.port());
    if (scheduled != null) {
      scheduled.start();
    }

    console.println();
    console.println("Helpline Insights local runner");
    console.printf(
        "  emulator  %s (%s); created %d tables, %d buckets%n",
        endpoint, emulator.description(), tables.size(), buckets.size());
    if (snapshotBucket != null) {
      // What the README's "Reading the snapshots" commands take as $BUCKET.
      console.printf("  snapshots s3://%s/snapshots/v1/%n", snapshotBucket);
    }
    String demo = null; // not loaded by this start
    if (options.demo() && !sites.isEmpty()) {
      String counters = beacon.environment().get("COUNTERS_TABLE");
      if (counters != null
          && dynamoDb.scan(scan -> scan.tableName(counters).limit(1)).count() == 0) {
        // The real date, not the runner's settable clock: the history ends before today.
        List<LocalDate> days = DemoHistory.days(LocalDate.now(ZoneId.of("Europe/Brussels")));
        console.printf(
            "  loading demo data (%s to %s and %s to %s; DEMO=0 skips this)%n",
            DemoHistory.FIRST_DAY,
            DemoHistory.FLEMISH_FIGURES_END,
            days.get(days.indexOf(DemoHistory.FLEMISH_FIGURES_END) + 1),
            days.getLast());
        demo =
            new DemoData(
                    baseUri,
                    sites,
                    beacon == null ? "" : beacon.environment().getOrDefault("ORIGIN_SECRET", ""),
                    console)
                .load(days);
      }
    }
    local.markReady(demo);
    banner(console, tokens, groups, sites);
  }

  private void banner(
      PrintStream console, JwtAuthorizer tokens, List<String> groups, Map<String, String> sites)
      throws IOException {
    String base = baseUri.toString();
    console.println();
    console.println("  API        " + base);
    console.println("  staff app  " + base + "/app/");
    console.println("  health     " + base + "/local/health");
    console.println("  OpenAPI    " + base + "/openapi.json");
    console.println("  snapshot   " + base + "/snapshots/v1/LATEST.json");
    if (tokens != null) {
      console.printf(
          "%nSign-in tokens (%d h; more from %s/local/token?group=<group>):%n",
          JwtAuthorizer.TOKEN_LIFETIME.toHours(), base);
      for (String group : groups) {
        console.printf("  %-12s %s%n", group, tokens.issue(List.of(group), Instant.now()));
      }
    }
    if (!sites.isEmpty()) {
      String site = sites.containsKey("selfhelp") ? "selfhelp" : sites.keySet().iterator().next();
      console.println();
      console.println("Example beacon (a browser's User-Agent: curl's own is counted as a bot):");
      console.printf(
          "  curl -i -X POST %s/v1/beacons -H 'Origin: %s' -H 'Content-Type: text/plain' \\%n",
          base, sites.get(site));
      console.println(
          "    -A 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' \\");
      console.printf(
          "    --data '%s'%n",
          Json.mapper()
              .writeValueAsString(
                  Map.of("site", site, "path", "/", "source", "direct", "newVisit", true)));
    }
    console.println();
    console.println("Ctrl-C stops everything.");
    console.flush();
  }

  private static Template.Function functionWithRoute(Template template, String routeKey) {
    return template.functions().stream()
        .filter(f -> f.routes().stream().anyMatch(r -> r.routeKey().equals(routeKey)))
        .findFirst()
        .orElse(null);
  }

  /** The sites and origins of a function's SITES variable ({"id": {"origin": ...}}). */
  static Map<String, String> siteOrigins(Template.Function function) {
    String sites = function.environment().get("SITES");
    if (sites == null) {
      return Map.of();
    }
    try {
      Map<String, String> origins = new TreeMap<>();
      JsonNode root = Json.mapper().readTree(sites);
      root.properties()
          .forEach(
              site -> {
                String origin = site.getValue().path("origin").asText("");
                if (!origin.isEmpty()) {
                  origins.put(site.getKey(), origin);
                }
              });
      return origins;
    } catch (IOException e) {
      throw new UncheckedIOException("SITES of " + function.logicalId() + " is not JSON", e);
    }
  }

  private static List<String> groups(Template template) {
    return template.logicalIdsOfType("AWS::Cognito::UserPoolGroup").stream()
        .map(id -> String.valueOf(template.properties(id).get("GroupName")))
        .toList();
  }

  /**
   * The SDK's default chain finds these when neither the environment nor the properties hold keys.
   */
  private static void ensureCredentials() {
    boolean inEnvironment = System.getenv("AWS_ACCESS_KEY_ID") != null;
    boolean inProperties = System.getProperty("aws.accessKeyId") != null;
    if (!inEnvironment && !inProperties) {
      System.setProperty("aws.accessKeyId", "test");
      System.setProperty("aws.secretAccessKey", "test");
    }
  }

  private static DynamoDbClient dynamoDb(Region region, URI endpoint) {
    return DynamoDbClient.builder()
        .region(region)
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.builder().build())
        .overrideConfiguration(timeouts())
        .build();
  }

  private static KmsClient kms(Region region, URI endpoint) {
    return KmsClient.builder()
        .region(region)
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.builder().build())
        .overrideConfiguration(timeouts())
        .build();
  }

  private static S3Client s3(Region region, URI endpoint) {
    return S3Client.builder()
        .region(region)
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.builder().build())
        .overrideConfiguration(timeouts())
        .build();
  }

  /** Longer than a function's: creating tables on a cold LocalStack can take a while. */
  private static ClientOverrideConfiguration timeouts() {
    return ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(30)).build();
  }

  /**
   * The system property {@code project.root}, else the nearest folder up from here with
   * template.yaml.
   */
  static Path projectRoot() {
    String configured = System.getProperty("project.root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path folder = here; folder != null; folder = folder.getParent()) {
      if (Files.isRegularFile(folder.resolve(Template.TEMPLATE_FILE))) {
        return folder;
      }
    }
    return here;
  }
}
