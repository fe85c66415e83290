package be.helpline.insights.bench;

import be.helpline.insights.core.json.Json;
import be.helpline.insights.local.DemoHistory;
import be.helpline.insights.local.Emulator;
import be.helpline.insights.local.LocalContext;
import be.helpline.insights.local.LocalRunner;
import be.helpline.insights.local.Options;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 14: what an aggregator run costs as the counters table grows with days and with junk. The
 * aggregator reads counters by key (one Query per configured subject and shard), so items under
 * subjects nobody configured must cost it nothing: the same requests, items read and read units
 * with a million junk items as without.
 *
 * <p>A private moto; the local runner (DEMO off) creates the tables and bucket of template.yaml and
 * configures one campaign; counters are written straight into the table with BatchWriteItem, as the
 * beacon and click functions would have left them (every shard of every day of both sites, hourly,
 * geography, source and device counters; clicks and landing visits on the campaign's days). Four
 * cases, each loaded on top of the previous one: a month, a year and ten years of days, then the
 * ten years plus junk items under unknown subjects. In each, the real {@code AggregatorHandler}
 * (the template's environment, in this JVM) runs, in the first case only, once to warm up, then
 * {@code --runs} times with {@code events/aggregator-rebuild.json} (every retained day read from
 * the table: the case's new days were written behind its back, as a restored table would be) and
 * {@code --runs} times with {@code events/aggregator-scheduled.json} (closed days from the counter
 * history the rebuild kept, open days from the table), timed. Its DynamoDB and S3 requests are
 * counted by {@link CountingProxy}, in front of moto; read units are computed from the items each
 * counters Query returned (moto's ConsumedCapacity is a constant).
 *
 * <p>Issue 19: each run's heap is measured too ({@link Footprint}: the peak since a GC before the
 * run, what the heap held after each collection during it, what stayed after a full GC after it),
 * and each case is checked against a quarter of the function's timeout (its own time, without
 * moto's) and half of its memory (the peak heap). The heap is this JVM's, so it holds the bench's
 * own state and the proxy's besides the function's: an upper bound of the function's. Run it with
 * {@code -Xmx} at half the function's memory ({@code AGGREGATE_JAVA_OPTS}) and a completed run
 * shows that the function fits.
 *
 * <p>Usage: {@code AggregateBench [--junk N] [--runs N] [--shards N] [--threads N] [--days
 * 30,365,3650] [--name aggregate]} (the cases' days, ascending, any number of them, the junk added
 * to the last; smaller for a pilot), from the project root ({@code make bench-aggregate}). Writes
 * {@code bench/results/<name>-<date>.md} and {@code .json}.
 */
public final class AggregateBench {
  private static final Region REGION = Region.EU_WEST_1;
  private static final List<String> GEOS =
      List.of("BE-VLG", "BE-BRU", "BE-WAL", "NL", "OTHER", "UNKNOWN");
  private static final List<String> SOURCES =
      List.of("search", "social", "campaign", "internal", "other", "direct");
  private static final int RETENTION_DAYS = 3650; // template.yaml's RetentionDays default
  private static final String CAMPAIGN = "spring20";
  private static final int CAMPAIGN_DAYS = 28;

  /**
   * A rebuild reads every retained day from the table; a scheduled run after it reads the closed
   * days from the counter history the rebuild kept, and only the open days from the table.
   */
  static final List<String> MODES = List.of("rebuild", "scheduled");

  /**
   * A case: counters for the last {@code days} days, plus {@code junk} items under junk subjects.
   */
  record Case(String name, int days, int junk) {}

  /**
   * What issue 19 allows a run: a quarter of the function's timeout for its own time and half of
   * its memory for the heap, from the function's {@code Timeout} and {@code MemorySize} in
   * template.yaml.
   */
  record Limits(int timeoutSeconds, int memoryMb) {
    double ownMillis() {
      return timeoutSeconds * 1000.0 / 4;
    }

    double heapMb() {
      return memoryMb / 2.0;
    }
  }

  /**
   * One aggregator run, as counted at the proxy; {@code proxyKeptMb} the request and answer bodies
   * the proxy held for it when it ended (in the heap measured), {@code retainedMb} the heap after a
   * full GC once the run and the bench's reading of it were done.
   */
  record Run(
      String mode,
      double millis,
      int countersQueries,
      int countersPartitions,
      long itemsRead,
      long bytesRead,
      double readUnits,
      Map<String, Integer> otherRequests,
      double motoCountersMillis,
      double motoOtherMillis,
      String runId,
      Footprint.Used heap,
      double proxyKeptMb,
      double retainedMb) {
    /** The run's time not spent waiting for moto: the function's own work and the proxy's. */
    double ownMillis() {
      return millis - motoCountersMillis - motoOtherMillis;
    }

    Run withRetained(double retainedMb) {
      return new Run(
          mode,
          millis,
          countersQueries,
          countersPartitions,
          itemsRead,
          bytesRead,
          readUnits,
          otherRequests,
          motoCountersMillis,
          motoOtherMillis,
          runId,
          heap,
          proxyKeptMb,
          retainedMb);
    }

    int otherCount() {
      return otherRequests.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What must not move with junk: requests of every kind, items and bytes read, read units. */
    String footprint() {
      return String.format(
          Locale.ROOT,
          "%d Queries on %d keys, %,d items, %,d bytes, %.1f read units; other: %s",
          countersQueries,
          countersPartitions,
          itemsRead,
          bytesRead,
          readUnits,
          otherRequests);
    }
  }

  /** A check against the published traffic.json. */
  record Check(String check, long expected, long found, boolean pass) {}

  record CaseResult(
      Case spec,
      long tableItems,
      long junkItems,
      double loadSeconds,
      List<Run> runs,
      List<Check> checks) {
    List<Run> timed(String mode) {
      return runs.stream().filter(run -> run.mode().equals(mode)).toList();
    }

    boolean stable() {
      return MODES.stream()
          .allMatch(mode -> timed(mode).stream().map(Run::footprint).distinct().count() == 1);
    }
  }

  public static void main(String[] args) throws Exception {
    int junk = 1_000_000;
    int runs = 3;
    int shards = 8; // template.yaml's CounterShards default (the local runner's parameters say 4)
    int threads = 3;
    int[] days = {30, 365, 3650};
    String name = "aggregate";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--name" -> name = args[++i];
        case "--junk" -> junk = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--shards" -> shards = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--days" ->
            days = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    for (int i = 1; i < days.length; i++) {
      if (days[i] <= days[i - 1]) {
        // Each case adds days to the previous one's table; fewer days would not be removed.
        throw new IllegalArgumentException("--days must ascend: " + Arrays.toString(days));
      }
    }
    Instant benchStart = Instant.now();
    Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
    Path work = Files.createDirectories(root.resolve("bench/target/aggregate"));
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> machine = Machine.facts(java);
    List<Case> cases = new ArrayList<>();
    for (int d : days) {
      cases.add(new Case(label(d), d, 0));
    }
    int longest = days[days.length - 1];
    cases.add(new Case(label(longest) + " + junk", longest, junk));

    List<CaseResult> results = new ArrayList<>();
    Map<String, String> env;
    Limits limits;
    List<LocalDate> demoDays;
    try (Emulator moto = Emulator.startMoto(root, Emulator.freePort(), work.resolve("moto.log"))) {
      LocalDate today = LocalDate.now(ZoneId.of("Europe/Brussels"));
      LocalRunner.FunctionSetup setup = prepare(root, moto, today);
      String countersTable = setup.environment().get("COUNTERS_TABLE");
      today = LocalDate.now(ZoneId.of(setup.environment().get("REPORTING_TIME_ZONE")));
      limits = new Limits(setup.timeoutSeconds(), setup.memoryMb());
      demoDays = DemoHistory.days(today);
      try (CountingProxy proxy =
              CountingProxy.start(
                  moto.endpoint(),
                  (service, operation, target) ->
                      operation.equals("Query") && target.equals(countersTable));
          DynamoDbClient writer = writer(moto.endpoint())) {
        env = new TreeMap<>(setup.environment());
        env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
        env.put("COUNTER_SHARDS", Integer.toString(shards));
        System.out.printf(
            "aggregate: moto %s, proxy %s, %d shards, junk %,d, %d timed runs per case%n",
            moto.endpoint(), proxy.endpoint(), shards, junk, runs);
        try (Loader loader = new Loader(writer, countersTable, shards, threads, today)) {
          Map<String, byte[]> events = new LinkedHashMap<>();
          for (String mode : MODES) {
            events.put(
                mode, Files.readAllBytes(root.resolve("events/aggregator-" + mode + ".json")));
          }
          Path log = work.resolve("aggregator.log");
          Files.deleteIfExists(log);
          for (Case spec : cases) {
            long loadStart = System.nanoTime();
            loader.daysThrough(spec.days());
            loader.junkUpTo(spec.junk());
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long tableItems =
                writer.describeTable(d -> d.tableName(countersTable)).table().itemCount();
            System.out.printf(
                "%s: %,d items in the counters table (%,d written, %,d junk), loaded in %.0f s%n",
                spec.name(), tableItems, loader.written(), loader.junk(), loadSeconds);
            RequestStreamHandler handler = handler(setup.handlerClass(), env);
            List<Run> caseRuns = new ArrayList<>();
            List<String> plan = new ArrayList<>();
            if (results.isEmpty()) {
              plan.add("warm-up"); // the JIT's; later cases run on a warm JVM
            }
            for (String mode : MODES) {
              for (int r = 0; r < runs; r++) {
                plan.add(mode);
              }
            }
            for (String mode : plan) {
              byte[] event = events.get(mode.equals("warm-up") ? "rebuild" : mode);
              Run run = run(handler, event, proxy, env, countersTable, mode, log, limits);
              // Here, not in run(): the proxy's exchanges it read are unreachable only once it
              // has returned.
              run = run.withRetained(Footprint.retainedMb());
              caseRuns.add(run);
              System.out.printf(
                  Locale.ROOT,
                  "  %s %.0f ms: %d counters Queries (%d keys), %d other, %,d items, %.1f RCU,"
                      + " moto %.0f ms in counters Queries; heap %.0f MB before, peak %.0f MB,"
                      + " %.0f MB after%n",
                  mode,
                  run.millis(),
                  run.countersQueries(),
                  run.countersPartitions(),
                  run.otherCount(),
                  run.itemsRead(),
                  run.readUnits(),
                  run.motoCountersMillis(),
                  run.heap().beforeMb(),
                  run.heap().peakHeapMb(),
                  run.retainedMb());
            }
            List<Check> checks = checkTraffic(moto.endpoint(), env, loader, work);
            results.add(
                new CaseResult(spec, tableItems, loader.junk(), loadSeconds, caseRuns, checks));
          }
        }
      }
    }
    String dayList =
        Arrays.stream(days).mapToObj(Integer::toString).collect(Collectors.joining(","));
    boolean pass =
        report(
            root,
            name,
            machine,
            runs,
            shards,
            junk,
            env,
            limits,
            demoDays,
            results,
            benchStart,
            String.format(
                Locale.ROOT,
                "--junk %d --runs %d --shards %d --threads %d --days %s --name %s",
                junk,
                runs,
                shards,
                threads,
                dayList,
                name),
            String.format(Locale.ROOT, "--days %s --name %s", dayList, name));
    if (!pass) {
      System.exit(1);
    }
  }

  private static String label(int days) {
    return switch (days) {
      case 30 -> "one month";
      case 365 -> "one year";
      case 3650 -> "ten years";
      default -> String.format(Locale.ROOT, "%,d days", days);
    };
  }

  /**
   * As {@code make run} with DEMO=0: the local runner creates the tables and bucket of
   * template.yaml at the private moto; one campaign (events/campaign-put.json, its dates moved to
   * the last {@value #CAMPAIGN_DAYS} days so that every case has its clicks) through {@code PUT
   * /v1/campaigns}. Returns the aggregator as the runner sets it up, then stops the runner.
   */
  private static LocalRunner.FunctionSetup prepare(Path root, Emulator moto, LocalDate today)
      throws IOException {
    try (LocalRunner runner = LocalRunner.start(Options.quiet(root, moto.endpoint()))) {
      LocalApiClient api = new LocalApiClient(runner.baseUri());
      ObjectNode campaign =
          (ObjectNode)
              LocalApiClient.read(
                  LocalApiClient.read(Files.readString(root.resolve("events/campaign-put.json")))
                      .path("body")
                      .asText());
      campaign.put("start", today.minusDays(CAMPAIGN_DAYS - 1).toString());
      campaign.put("end", today.toString());
      api.putCampaign(CAMPAIGN, campaign.toString());
      return runner.functions().stream()
          .filter(f -> f.logicalId().equals("AggregatorFunction"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no AggregatorFunction in template.yaml"));
    }
  }

  private static DynamoDbClient writer(URI endpoint) {
    return DynamoDbClient.builder()
        .region(REGION)
        .endpointOverride(endpoint)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofMinutes(5))
                .build())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofMinutes(10)).build())
        .build();
  }

  /** The function's handler as Lambda's init builds it: its (env, clock) constructor. */
  private static RequestStreamHandler handler(String handlerClass, Map<String, String> env)
      throws ReflectiveOperationException {
    return (RequestStreamHandler)
        Class.forName(handlerClass)
            .getConstructor(Map.class, Clock.class)
            .newInstance(Map.copyOf(env), Clock.systemUTC());
  }

  private static Run run(
      RequestStreamHandler handler,
      byte[] event,
      CountingProxy proxy,
      Map<String, String> env,
      String countersTable,
      String mode,
      Path log,
      Limits limits)
      throws IOException {
    proxy.drain();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Footprint footprint = Footprint.start();
    long start = System.nanoTime();
    handler.handleRequest(
        new ByteArrayInputStream(event),
        out,
        LocalContext.of(
            "AggregatorFunction",
            limits.memoryMb(),
            Duration.ofSeconds(limits.timeoutSeconds()),
            line -> appendLine(log, line)));
    double millis = (System.nanoTime() - start) / 1e6;
    Footprint.Used heap = footprint.stop();
    List<CountingProxy.Exchange> exchanges = proxy.drain();
    long kept = 0;
    for (CountingProxy.Exchange exchange : exchanges) {
      kept += exchange.requestBody() == null ? 0 : exchange.requestBody().length;
      kept += exchange.responseBody() == null ? 0 : exchange.responseBody().length;
    }
    JsonNode latest = Json.mapper().readTree(out.toByteArray());

    Map<String, String> names = new HashMap<>();
    names.put(env.get("COUNTERS_TABLE"), "counters");
    names.put(env.get("CAMPAIGNS_TABLE"), "campaigns");
    names.put(env.get("REGISTRATIONS_TABLE"), "registrations");
    names.put(env.get("SNAPSHOT_BUCKET"), "snapshots");
    int queries = 0;
    TreeSet<String> partitions = new TreeSet<>();
    long items = 0;
    long bytes = 0;
    double readUnits = 0;
    long motoCounters = 0;
    long motoOther = 0;
    Map<String, Integer> other = new TreeMap<>();
    for (CountingProxy.Exchange exchange : exchanges) {
      if (exchange.status() / 100 != 2
          && !(exchange.service().equals("s3") && exchange.status() == 404)) {
        throw new IllegalStateException(
            "moto answered " + exchange.status() + " to " + exchange.operation());
      }
      if (exchange.service().equals("dynamodb")
          && exchange.operation().equals("Query")
          && exchange.target().equals(countersTable)) {
        queries++;
        motoCounters += exchange.upstreamNanos();
        partitions.add(
            Json.mapper()
                .readTree(exchange.requestBody())
                .path("ExpressionAttributeValues")
                .path(":pk")
                .path("S")
                .asText());
        JsonNode answer = Json.mapper().readTree(exchange.responseBody());
        long pageBytes = 0;
        for (JsonNode item : answer.path("Items")) {
          pageBytes += ItemSize.of(item);
          items++;
        }
        bytes += pageBytes;
        readUnits += ItemSize.eventuallyConsistentQueryUnits(pageBytes);
      } else {
        motoOther += exchange.upstreamNanos();
        String key =
            exchange.service()
                + " "
                + exchange.operation()
                + " "
                + names.getOrDefault(exchange.target(), exchange.target());
        other.merge(key, 1, Integer::sum);
      }
    }
    return new Run(
        mode,
        millis,
        queries,
        partitions.size(),
        items,
        bytes,
        readUnits,
        other,
        motoCounters / 1e6,
        motoOther / 1e6,
        latest.path("runId").asText(""),
        heap,
        kept / 1048576.0,
        Double.NaN);
  }

  /** traffic.json of the last run: each site's since-launch page views and visits as written. */
  private static List<Check> checkTraffic(
      URI moto, Map<String, String> env, Loader loader, Path work) throws IOException {
    try (S3Client s3 =
        S3Client.builder()
            .region(REGION)
            .endpointOverride(moto)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      byte[] body =
          s3.getObjectAsBytes(
                  get ->
                      get.bucket(env.get("SNAPSHOT_BUCKET"))
                          .key("snapshots/v1/latest/traffic.json"))
              .asByteArray();
      Files.write(work.resolve("traffic.json"), body);
      JsonNode traffic = Json.mapper().readTree(body);
      List<Check> checks = new ArrayList<>();
      for (String site : Loader.SITES) {
        JsonNode total = traffic.path("sites").path(site).path("total");
        long pageviews = total.path("pageviews").asLong(-1);
        long visits = total.path("visits").asLong(-1);
        checks.add(
            new Check(
                "traffic.json " + site + " total.pageviews = written",
                loader.pageviews(site),
                pageviews,
                pageviews == loader.pageviews(site)));
        checks.add(
            new Check(
                "traffic.json " + site + " total.visits = written",
                loader.visits(site),
                visits,
                visits == loader.visits(site)));
      }
      return checks;
    }
  }

  /** The function's log lines, appended to a file. */
  private static void appendLine(Path logFile, String line) {
    try {
      Files.write(
          logFile,
          (line.strip() + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * DynamoDB's item size (developer guide, "DynamoDB item sizes and formats"): the UTF-8 bytes of
   * each attribute name plus its value: a string's UTF-8 bytes, a number's significant digits / 2 +
   * 1, 1 for a Boolean or null, 3 + 1 per element for a list or map.
   */
  static final class ItemSize {
    private ItemSize() {}

    static long of(JsonNode item) {
      long size = 0;
      for (Map.Entry<String, JsonNode> attribute : item.properties()) {
        size += utf8(attribute.getKey()) + value(attribute.getValue());
      }
      return size;
    }

    /**
     * A Query's read units: the total size of the items it returned, rounded up to the next 4 KB,
     * one unit per 4 KB when strongly consistent and half when eventually consistent (the store's
     * Queries do not ask for consistency). A Query that returns nothing is counted as one 4 KB
     * read, the minimum a read request is billed (an assumption: the guide does not say it for
     * Query).
     */
    static double eventuallyConsistentQueryUnits(long bytes) {
      return 0.5 * Math.max(1, (bytes + 4095) / 4096);
    }

    private static long value(JsonNode typed) {
      Map.Entry<String, JsonNode> only = typed.properties().iterator().next();
      JsonNode v = only.getValue();
      return switch (only.getKey()) {
        case "S" -> utf8(v.asText());
        case "N" -> number(v.asText());
        case "B" -> Base64.getDecoder().decode(v.asText()).length;
        case "BOOL", "NULL" -> 1;
        case "SS" -> sum(v, e -> utf8(e.asText()));
        case "NS" -> sum(v, e -> number(e.asText()));
        case "BS" -> sum(v, e -> Base64.getDecoder().decode(e.asText()).length);
        case "L" -> 3 + sum(v, e -> 1 + value(e));
        case "M" -> {
          long size = 3;
          for (Map.Entry<String, JsonNode> entry : v.properties()) {
            size += 1 + utf8(entry.getKey()) + value(entry.getValue());
          }
          yield size;
        }
        default -> throw new IllegalArgumentException("unknown attribute type " + only.getKey());
      };
    }

    private static long sum(JsonNode array, java.util.function.ToLongFunction<JsonNode> size) {
      long total = 0;
      for (JsonNode element : array) {
        total += size.applyAsLong(element);
      }
      return total;
    }

    static long number(String n) {
      String digits = n.replaceFirst("^[+-]", "").replaceFirst("[eE].*$", "").replace(".", "");
      digits = digits.replaceFirst("^0+", "").replaceFirst("0+$", "");
      return (Math.max(1, digits.length()) + 1) / 2 + 1;
    }

    private static long utf8(String s) {
      return s.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  /**
   * Writes counter items with BatchWriteItem, 25 a request, on a few threads. Days are added from
   * today backwards, so each case adds only what the previous one lacked.
   */
  static final class Loader implements AutoCloseable {
    static final List<String> SITES = List.of("main", "selfhelp");

    private final DynamoDbClient writer;
    private final String table;
    private final int shards;
    private final LocalDate today;
    private final ExecutorService pool;
    private final Semaphore inFlight;
    private final List<Future<?>> pending = new ArrayList<>();
    private final List<WriteRequest> batch = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final Map<String, Long> pageviews = new HashMap<>();
    private final Map<String, Long> visits = new HashMap<>();
    private int days;
    private int junk;

    Loader(DynamoDbClient writer, String table, int shards, int threads, LocalDate today) {
      this.writer = writer;
      this.table = table;
      this.shards = shards;
      this.today = today;
      this.pool = Executors.newFixedThreadPool(threads);
      this.inFlight = new Semaphore(threads * 4);
    }

    long written() {
      return written.get();
    }

    long junk() {
      return junk;
    }

    long pageviews(String site) {
      return pageviews.getOrDefault(site, 0L);
    }

    long visits(String site) {
      return visits.getOrDefault(site, 0L);
    }

    /** Every counter item of the last {@code through} days (today included). */
    void daysThrough(int through) {
      for (int back = days; back < through; back++) {
        LocalDate day = today.minusDays(back);
        for (String site : SITES) {
          for (int shard = 0; shard < shards; shard++) {
            put(traffic(site, day, shard));
          }
        }
        // Exclusions no site can be blamed for, on one shard a day.
        put(
            counters(
                "traffic",
                "-",
                day,
                back % shards,
                Map.of("excluded.unknownSite", 1L + back % 7, "excluded.invalid", 1L)));
        if (back < CAMPAIGN_DAYS) {
          for (int shard = 0; shard < shards; shard++) {
            put(clicks(day, shard));
            put(
                counters(
                    "landing",
                    CAMPAIGN,
                    day,
                    shard,
                    Map.of("visits.main", 3L + (back + shard) % 5, "visits.selfhelp", 1L)));
          }
          // Clicks on campaigns nobody configured.
          put(counters("clicks", "*", day, back % shards, Map.of("excluded.unknownCampaign", 2L)));
        }
      }
      days = Math.max(days, through);
      flush();
    }

    /**
     * Junk up to {@code count} items: half landing visits under campaign ids nobody configured,
     * then half traffic under unknown sites, as beacons could write them before the fix; one
     * subject each, on a shard and a day of the last ten years. Written in key order: moto sorts
     * the whole table on every Query, which takes a third of the time on sorted runs (the order
     * means nothing to DynamoDB).
     */
    void junkUpTo(int count) {
      for (int n = junk; n < count; n++) {
        boolean landing = n < (count + 1) / 2;
        String subject = String.format(Locale.ROOT, "junk-%07d", n);
        LocalDate day = today.minusDays(n % 3650);
        Map<String, Long> counters =
            landing
                ? Map.of("visits.main", 1L)
                : Map.of("pageviews.h03", 1L, "excluded.unknownSite", 1L);
        put(counters(landing ? "landing" : "traffic", subject, day, n % shards, counters));
        junk = n + 1;
      }
      flush();
    }

    private Map<String, AttributeValue> traffic(String site, LocalDate day, int shard) {
      SplittableRandom random =
          new SplittableRandom(Objects.hash(site, day.toEpochDay(), shard) * 31L + 7);
      Map<String, Long> counters = new LinkedHashMap<>();
      long dayPageviews = 0;
      long dayVisits = 0;
      for (int hour = 0; hour < 24; hour++) {
        long pv = 1 + random.nextInt(hour >= 7 && hour <= 22 ? 20 : 4);
        long v = 1 + random.nextInt((int) pv);
        counters.put(String.format(Locale.ROOT, "pageviews.h%02d", hour), pv);
        counters.put(String.format(Locale.ROOT, "visits.h%02d", hour), v);
        dayPageviews += pv;
        dayVisits += v;
      }
      split(counters, "pageviews.geo.", GEOS, dayPageviews, random);
      split(counters, "visits.geo.", GEOS, dayVisits, random);
      split(counters, "pageviews.source.", SOURCES, dayPageviews, random);
      split(counters, "visits.source.", SOURCES, dayVisits, random);
      long flagged = dayPageviews * 9 / 10;
      long visitors = Math.max(1, dayVisits * 8 / 10);
      counters.put("deviceFlagged", flagged);
      counters.put("visitors", visitors);
      counters.put("monthlyVisitors", Math.max(1, visitors / 3));
      counters.put("newVisitors", Math.max(1, visitors / 2));
      counters.put("returningVisitors", Math.max(1, visitors / 4));
      split(counters, "newVisitors.geo.", GEOS.subList(0, 3), Math.max(1, visitors / 2), random);
      split(
          counters,
          "returningVisitors.geo.",
          GEOS.subList(0, 3),
          Math.max(1, visitors / 4),
          random);
      counters.put("excluded.bot", 1L + random.nextInt(30));
      counters.put("excluded.prefetch", 1L + random.nextInt(5));
      pageviews.merge(site, dayPageviews, Long::sum);
      visits.merge(site, dayVisits, Long::sum);
      return counters("traffic", site, day, shard, counters);
    }

    private Map<String, AttributeValue> clicks(LocalDate day, int shard) {
      Map<String, Long> counters = new LinkedHashMap<>();
      long total = 0;
      for (int hour = 7; hour <= 23; hour++) {
        long clicks = 1 + (hour * 7L + shard + day.getDayOfMonth()) % 4;
        counters.put(String.format(Locale.ROOT, "clicks.h%02d", hour), clicks);
        total += clicks;
      }
      counters.put("clicks.creative.c1", total / 2);
      counters.put("clicks.creative.c2", total - total / 2);
      counters.put("excluded.bot", 2L);
      counters.put("excluded.prefetch", 1L);
      return counters("clicks", CAMPAIGN, day, shard, counters);
    }

    private static void split(
        Map<String, Long> counters,
        String prefix,
        List<String> codes,
        long total,
        SplittableRandom random) {
      long left = total;
      for (int i = 0; i < codes.size(); i++) {
        long part = i == codes.size() - 1 ? left : (left == 0 ? 0 : random.nextLong(left + 1) / 2);
        left -= part;
        if (part > 0) {
          counters.put(prefix + codes.get(i), part);
        }
      }
    }

    /** An item as DynamoDbDailyCounterStore writes it. */
    private static Map<String, AttributeValue> counters(
        String family, String subject, LocalDate day, int shard, Map<String, Long> counters) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("pk", AttributeValue.fromS(family + "#" + subject + "#" + shard));
      item.put("sk", AttributeValue.fromS(day.toString()));
      item.put("family", AttributeValue.fromS(family));
      item.put("subject", AttributeValue.fromS(subject));
      item.put("date", AttributeValue.fromS(day.toString()));
      item.put(
          "expiresAt",
          AttributeValue.fromN(
              Long.toString(
                  day.plusDays(RETENTION_DAYS).atStartOfDay().toEpochSecond(ZoneOffset.UTC))));
      counters.forEach(
          (name, value) -> item.put("n:" + name, AttributeValue.fromN(Long.toString(value))));
      return item;
    }

    private void put(Map<String, AttributeValue> item) {
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      if (batch.size() == 25) {
        submit();
      }
    }

    private void submit() {
      if (batch.isEmpty()) {
        return;
      }
      List<WriteRequest> requests = List.copyOf(batch);
      batch.clear();
      inFlight.acquireUninterruptibly();
      pending.add(
          pool.submit(
              () -> {
                try {
                  Map<String, List<WriteRequest>> left = Map.of(table, requests);
                  while (!left.isEmpty()) {
                    Map<String, List<WriteRequest>> request = left;
                    BatchWriteItemResponse response =
                        writer.batchWriteItem(b -> b.requestItems(request));
                    left =
                        response.unprocessedItems().entrySet().stream()
                            .filter(e -> !e.getValue().isEmpty())
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                  }
                  written.addAndGet(requests.size());
                } finally {
                  inFlight.release();
                }
              }));
      if (pending.size() > 1000) {
        pending.removeIf(Future::isDone);
      }
    }

    /** Waits until everything put so far is in the table; a failed write fails the bench. */
    private void flush() {
      submit();
      for (Future<?> future : pending) {
        try {
          future.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a BatchWriteItem failed", e.getCause());
        }
      }
      pending.clear();
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  /** A case against what issue 19 allows, over every run of it (the warm-up included). */
  record LimitCheck(String check, String limit, String found, boolean pass) {}

  private static List<LimitCheck> limitChecks(CaseResult result, Limits limits) {
    Run slowest = result.runs().stream().max(Comparator.comparingDouble(Run::ownMillis)).get();
    Run fullest =
        result.runs().stream()
            .max(Comparator.comparingDouble(run -> run.heap().peakHeapMb()))
            .get();
    return List.of(
        new LimitCheck(
            String.format(
                Locale.ROOT,
                "%s: function time (the rest) within %,.0f s",
                result.spec().name(),
                limits.ownMillis() / 1000),
            String.format(
                Locale.ROOT,
                "at most %,.0f ms (a quarter of the %d s timeout)",
                limits.ownMillis(),
                limits.timeoutSeconds()),
            String.format(Locale.ROOT, "%,.0f ms (%s)", slowest.ownMillis(), slowest.mode()),
            slowest.ownMillis() <= limits.ownMillis()),
        new LimitCheck(
            String.format(
                Locale.ROOT,
                "%s: peak heap within %,.0f MB",
                result.spec().name(),
                limits.heapMb()),
            String.format(
                Locale.ROOT,
                "at most %,.0f MB (half of the %d MB memory)",
                limits.heapMb(),
                limits.memoryMb()),
            String.format(
                Locale.ROOT,
                "%,.0f MB (%s; most after a collection %s)",
                fullest.heap().peakHeapMb(),
                fullest.mode(),
                megabytes(fullest.heap().mostAfterCollectionMb())),
            fullest.heap().peakHeapMb() <= limits.heapMb()));
  }

  private static String megabytes(double mb) {
    return Double.isNaN(mb) ? "none ran" : String.format(Locale.ROOT, "%,.0f MB", mb);
  }

  private static boolean report(
      Path root,
      String name,
      List<String> machine,
      int runs,
      int shards,
      int junk,
      Map<String, String> env,
      Limits limits,
      List<LocalDate> demoDays,
      List<CaseResult> results,
      Instant benchStart,
      String arguments,
      String flags)
      throws IOException {
    Instant now = Instant.now();
    String date = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
    double benchSeconds = Duration.between(benchStart, now).toMillis() / 1000.0;
    CaseResult clean = results.get(results.size() - 2);
    CaseResult junked = results.getLast();
    Map<String, Boolean> sameCost = new LinkedHashMap<>();
    for (String mode : MODES) {
      sameCost.put(
          mode,
          clean
              .timed(mode)
              .getFirst()
              .footprint()
              .equals(junked.timed(mode).getFirst().footprint()));
    }
    boolean allSameCost = !sameCost.containsValue(false);
    boolean stable = results.stream().allMatch(CaseResult::stable);
    boolean checksPass = results.stream().flatMap(r -> r.checks().stream()).allMatch(Check::pass);
    Map<String, List<LimitCheck>> limitChecks = new LinkedHashMap<>();
    results.forEach(result -> limitChecks.put(result.spec().name(), limitChecks(result, limits)));
    boolean withinLimits =
        limitChecks.values().stream().flatMap(List::stream).allMatch(LimitCheck::pass);
    List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
    // -Xmx as given; the heap's own maximum (MemoryMXBean) is less by a survivor space, always
    // empty between collections.
    double maxHeapMb =
        Long.parseLong(
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxHeapSize")
                    .getValue())
            / 1048576.0;
    String collectors =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining(", "));
    LocalDate demoFirst = demoDays.getFirst();
    LocalDate demoLast = demoDays.getLast();
    long demoSpan = ChronoUnit.DAYS.between(demoFirst, demoLast) + 1;
    CaseResult demoCase =
        results.stream()
            .filter(result -> result.spec().junk() == 0 && result.spec().days() >= demoSpan)
            .findFirst()
            .orElse(null);

    StringBuilder md = new StringBuilder();
    md.append("# Aggregator runs against history and junk: requests, time, heap, ")
        .append(now)
        .append("\n\n");
    md.append("Command: `make bench-aggregate AGGREGATE_JUNK=")
        .append(junk)
        .append(" AGGREGATE_RUNS=")
        .append(runs)
        .append(" AGGREGATE_FLAGS=\"")
        .append(flags)
        .append(
            "\"`. A private moto (the project's `infrastructure/moto-server`); the local runner")
        .append(
            " (DEMO off) created the tables and bucket of template.yaml and configured campaign")
        .append(" `")
        .append(CAMPAIGN)
        .append("` (events/campaign-put.json, dates moved to the last ")
        .append(CAMPAIGN_DAYS)
        .append(" days). Counter items written with BatchWriteItem as DynamoDbDailyCounterStore")
        .append(" lays them out: every day of both sites on every one of ")
        .append(shards)
        .append(" shards (24 hourly page views and visits, geography, source, device and exclusion")
        .append(" counters: about 90 attributes), one `traffic#-` item a day, clicks and")
        .append(" landing items on every shard of the campaign's days, one `clicks#*` item a day;")
        .append(" no registrations.")
        .append(" Junk: items under subjects nobody configured (`landing#junk-<n>#<shard>` and")
        .append(
            " `traffic#junk-<n>#<shard>`, one item each, a day of the last ten years, one or two")
        .append(" counters; written in key order, landing first). Each case is loaded on top of")
        .append(" the previous one. The real")
        .append(
            " `AggregatorHandler` (the template's environment from the local runner,"
                + " COUNTER_SHARDS=")
        .append(shards)
        .append(", in this JVM) runs once to warm up in the first case (later cases run on a")
        .append(" warm JVM), then ")
        .append(runs)
        .append(" times with events/aggregator-rebuild.json (every retained day read from the")
        .append(" table; the case's days were written behind its back) and ")
        .append(runs)
        .append(" times with events/aggregator-scheduled.json (closed days from the counter")
        .append(" history, only today and yesterday from the table); requests are counted by a")
        .append(" counting")
        .append(" proxy between the function and moto (`CountingProxy`, `AWS_ENDPOINT_URL`), and")
        .append(" the heap is measured around each run (`Footprint`, below).\n\n");
    md.append("Arguments: `").append(arguments).append("`.\n\n");
    machine.forEach(fact -> md.append("- ").append(fact).append('\n'));
    md.append("- JVM options: `")
        .append(String.join(" ", jvmOptions))
        .append(String.format(Locale.ROOT, "`; MaxHeapSize %,.0f MB; collectors: ", maxHeapMb))
        .append(collectors)
        .append('\n');
    md.append(
        String.format(
            Locale.ROOT,
            "- the function's limits (template.yaml): Timeout %d s, MemorySize %d MB; issue 19's"
                + " budget: %,.0f s of its own time, %,.0f MB of heap%n",
            limits.timeoutSeconds(),
            limits.memoryMb(),
            limits.ownMillis() / 1000,
            limits.heapMb()));
    md.append(String.format(Locale.ROOT, "- bench wall time: %.0f s%n", benchSeconds));
    md.append(
        "\n| case | run | items in counters table | counters Queries (keys) | other requests |"
            + " items read | KB read | read units | run time ms, median (min-max) |"
            + " of which moto answering counters Queries | moto answering other requests |"
            + " the rest (the function, the proxy) | peak heap MB, highest of the runs |"
            + " retained heap MB, highest of the runs |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (CaseResult result : results) {
      for (String mode : MODES) {
        List<Run> timed = result.timed(mode);
        Run first = timed.getFirst();
        Stats time = Stats.of(timed.stream().map(Run::millis).toList());
        Stats moto = Stats.of(timed.stream().map(Run::motoCountersMillis).toList());
        Stats motoOther = Stats.of(timed.stream().map(Run::motoOtherMillis).toList());
        Stats own = Stats.of(timed.stream().map(Run::ownMillis).toList());
        Stats peak = Stats.of(timed.stream().map(run -> run.heap().peakHeapMb()).toList());
        Stats retained = Stats.of(timed.stream().map(Run::retainedMb).toList());
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %,d | %d (%d) | %d | %,d | %,.0f | %,.1f | %,.0f (%,.0f-%,.0f) |"
                    + " %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |%n",
                result.spec().name(),
                mode,
                result.tableItems(),
                first.countersQueries(),
                first.countersPartitions(),
                first.otherCount(),
                first.itemsRead(),
                first.bytesRead() / 1024.0,
                first.readUnits(),
                time.median(),
                time.min(),
                time.max(),
                moto.median(),
                motoOther.median(),
                own.median(),
                peak.max(),
                retained.max()));
      }
    }
    md.append("\nThe demo history (`make run`, `DemoHistory`) runs from ")
        .append(demoFirst)
        .append(" to ")
        .append(demoLast)
        .append(
            String.format(
                Locale.ROOT, ": %,d days, with counters on %,d of them", demoSpan, demoDays.size()))
        .append(" (2019 and 2020, then from January last year; the years between are left out),")
        .append(" and on those days only on the shards and counters its few page views a day")
        .append(" reached. ");
    if (demoCase == null) {
      md.append("No case here is that long: none of them bounds the demo history.");
    } else {
      md.append("The smallest case at least as long is **")
          .append(demoCase.spec().name())
          .append("** (every day, every shard of both sites, about 90 counters an item): it reads")
          .append(" more items over more days than the demo history would, so it bounds it.");
    }
    md.append(
        " No case here covers the demo's contacts: it registers some every day, so its runs"
            + " also release contact statistics under disclosure control, and these cases have no"
            + " registrations. That part is measured by `make bench-disclosure` (release replay,"
            + " 7,500 and 30,000 contacts, `-Xmx1024m`).\n");

    md.append(
        "\n"
            + "Heap, every run (the warm-up included), MB = 1,048,576 bytes as `-Xmx` counts"
            + " them:\n\n");
    md.append(
        "| case | run | heap before (after a full GC) | peak (sum of pool peaks) | collections"
            + " during the run (their time ms) | most after a collection | the proxy's kept"
            + " bodies at the end | retained (after a full GC) | allocated by the function's"
            + " thread |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (CaseResult result : results) {
      for (Run run : result.runs()) {
        Footprint.Used heap = run.heap();
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %,.0f | %,.0f | %d (%,.0f) | %s | %,.0f | %,.0f | %,.0f |%n",
                result.spec().name(),
                run.mode(),
                heap.beforeMb(),
                heap.peakHeapMb(),
                heap.collections(),
                heap.collectionMs(),
                megabytes(heap.mostAfterCollectionMb()),
                run.proxyKeptMb(),
                run.retainedMb(),
                heap.allocatedMb()));
      }
    }
    md.append(
        "\nBefore each run a full GC (`System.gc()`) and every heap pool's peak reset"
            + " (`MemoryPoolMXBean.resetPeakUsage`); after it, the peak is the sum of the heap"
            + " pools' peaks (`getPeakUsage().getUsed()`). The pools need not have peaked at the"
            + " same moment, so the sum is an upper bound of the heap's true peak; and it includes"
            + " garbage the collector had no need to reclaim yet: it says how full the heap got,"
            + " not how much the run needed. Most after a collection: the highest heap use right"
            + " after one of the collections during the run (GC notifications): live data, plus"
            + " after a young collection the old generation's garbage; closer to what the run"
            + " needed. Retained: the heap after a full GC once the run was over and the bench had"
            + " read the proxy's record of it. Every figure is this JVM's, which holds besides the"
            + " function the bench's own state (in 'before' and 'retained') and the counting"
            + " proxy's (the bodies of the counters Queries it kept for the counts, up to the"
            + " figure given, and its forwarding buffers): an upper bound of the function's own"
            + " heap. Allocated: all the bytes the function's thread allocated in the run, garbage"
            + " included (the aggregator runs on one thread; the proxy's threads are not in it).");
    if (maxHeapMb <= limits.heapMb()) {
      md.append(
          String.format(
              Locale.ROOT,
              " This JVM's maximum heap (-Xmx) was %,.0f MB, within the %,.0f MB the check allows,"
                  + " so its peak could not pass it: a run that needed more would have ended in an"
                  + " OutOfMemoryError and stopped the bench. That every run completed, in a heap"
                  + " shared with the bench and the proxy, is what the heap check shows; the peak"
                  + " says how close the collector let it come.%n",
              maxHeapMb,
              limits.heapMb()));
    } else {
      md.append(
          String.format(
              Locale.ROOT,
              " This JVM's maximum heap (-Xmx) was %,.0f MB, more than the %,.0f MB the check"
                  + " allows:"
                  + " the collector had room to leave garbage, so a peak over the limit does not"
                  + " show that the run needs it; run again with"
                  + " `AGGREGATE_JAVA_OPTS=-Xmx%.0fm` to decide.%n",
              maxHeapMb,
              limits.heapMb(),
              limits.heapMb()));
    }
    md.append(
        "\nThe function's time is the rest: the run's wall time less the time moto took to"
            + " answer, that is the function's own work and the counting proxy's, in one JVM on a"
            + " shared machine (an upper bound of the function's own). moto's answering time is"
            + " not DynamoDB's (below): on AWS a run also waits for DynamoDB and S3 to answer the"
            + " requests listed, one after another, which this bench cannot measure; the time"
            + " check is on the function's own time only. Nor is the JVM Lambda's: here C2 on a"
            + " warm JVM and an x86 core shared with other work; Lambda runs arm64, about one"
            + " vCPU at this memory, and by default stops the JIT at C1 (see Cold start in"
            + " bench/README.md).\n");
    md.append("\nOther requests (each timed run of a case and kind made the same):\n\n");
    md.append("| case | run | requests |\n|---|---|---|\n");
    for (CaseResult result : results) {
      for (String mode : MODES) {
        md.append("| ")
            .append(result.spec().name())
            .append(" | ")
            .append(mode)
            .append(" | ")
            .append(
                result.timed(mode).getFirst().otherRequests().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")))
            .append(" |\n");
      }
    }
    md.append("\n| check | expected | found | result |\n|---|---|---|---|\n");
    for (List<LimitCheck> checks : limitChecks.values()) {
      for (LimitCheck check : checks) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s |%n",
                check.check(),
                check.limit(),
                check.found(),
                check.pass() ? "pass" : "**fail**"));
      }
    }
    for (String mode : MODES) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s, %s: counters Queries, keys, items, bytes, read units and other"
                  + " requests = %s' | %s | %s | %s |%n",
              junked.spec().name(),
              mode,
              clean.spec().name(),
              clean.timed(mode).getFirst().footprint(),
              junked.timed(mode).getFirst().footprint(),
              sameCost.get(mode) ? "pass" : "**fail**"));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "| every timed run of a case and kind made the same requests and read the same | yes |"
                + " %s | %s |%n",
            stable ? "yes" : "no",
            stable ? "pass" : "**fail**"));
    for (CaseResult result : results) {
      for (Check check : result.checks()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s: %s | %,d | %,d | %s |%n",
                result.spec().name(),
                check.check(),
                check.expected(),
                check.found(),
                check.pass() ? "pass" : "**fail**"));
      }
    }
    md.append('\n');
    for (String mode : MODES) {
      Stats cleanTime = Stats.of(clean.timed(mode).stream().map(Run::millis).toList());
      Stats junkTime = Stats.of(junked.timed(mode).stream().map(Run::millis).toList());
      Stats cleanOwn = Stats.of(clean.timed(mode).stream().map(Run::ownMillis).toList());
      Stats junkOwn = Stats.of(junked.timed(mode).stream().map(Run::ownMillis).toList());
      md.append(
          String.format(
              Locale.ROOT,
              "%s, %s against %s + %,d junk items: median run %,.0f ms against"
                  + " %,.0f ms (%.2fx); without the time moto took to answer (the function's own"
                  + " work and the proxy's) %,.0f ms against %,.0f ms (%.2fx).%n%n",
              mode.equals("rebuild") ? "Rebuild" : "Scheduled run",
              clean.spec().name(),
              clean.spec().name(),
              junked.junkItems(),
              cleanTime.median(),
              junkTime.median(),
              junkTime.median() / cleanTime.median(),
              cleanOwn.median(),
              junkOwn.median(),
              junkOwn.median() / cleanOwn.median()));
    }
    md.append(
        "\nWhy the time moves on moto and would not on DynamoDB: moto 5.2.5 answers every Query"
            + " by listing and sorting every item of the table and then keeping the partition's"
            + " (`moto/dynamodb/models/table.py`, `Table.query` and `all_items`), so each of a"
            + " run's counters Queries costs time in proportion to the whole table, junk included;"
            + " DynamoDB finds a partition by its key and bills and answers a Query by what it"
            + " returns. The other cost on moto is serialising what it returns (milliseconds per"
            + " item of about 90 attributes), the same with and without junk. What the function"
            + " itself does (the rest) and every count above do not move with junk.\n");
    md.append(
        "\nRead units are computed, not measured: moto answers ReturnConsumedCapacity with a"
            + " constant. Per counters Query (each page is a request): the DynamoDB size of the"
            + " items it returned (attribute names + values, developer guide \"DynamoDB item sizes"
            + " and formats\"), rounded up to 4 KB, 0.5 unit per 4 KB (eventually consistent, the"
            + " store's default); an empty answer counted as 0.5 (assumed minimum). Pages are"
            + " moto's (1 MB by moto's own size estimate), so DynamoDB's page boundaries and"
            + " request count for the ten-year traffic keys can differ slightly; the items and"
            + " bytes read cannot.\n");
    boolean pass = allSameCost && stable && checksPass && withinLimits;
    md.append("\nVerdict: **").append(pass ? "pass" : "fail").append("**\n");

    ObjectNode json = Json.mapper().createObjectNode();
    json.put("benchmark", "aggregate");
    json.put("name", name);
    json.put("when", now.toString());
    json.put("benchSeconds", benchSeconds);
    json.put("runs", runs);
    json.put("shards", shards);
    json.put("junk", junk);
    json.put("arguments", arguments);
    json.put("campaign", CAMPAIGN);
    json.put("campaignDays", CAMPAIGN_DAYS);
    ArrayNode facts = json.putArray("machine");
    machine.forEach(facts::add);
    ObjectNode jvm = json.putObject("jvm");
    jvm.putPOJO("options", jvmOptions);
    jvm.put("maxHeapMb", maxHeapMb);
    jvm.put("collectors", collectors);
    json.putPOJO("limits", limits);
    ObjectNode demo = json.putObject("demoHistory");
    demo.put("first", demoFirst.toString());
    demo.put("last", demoLast.toString());
    demo.put("spanDays", demoSpan);
    demo.put("daysWithCounters", demoDays.size());
    demo.put("boundingCase", demoCase == null ? null : demoCase.spec().name());
    json.putPOJO(
        "environment",
        env.entrySet().stream()
            .filter(e -> !e.getKey().startsWith("AWS_SECRET"))
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new)));
    json.putPOJO("sameCostWithJunk", sameCost);
    json.put("stableWithinCases", stable);
    json.put("checksPass", checksPass);
    json.put("withinLimits", withinLimits);
    ArrayNode cases = json.putArray("cases");
    for (CaseResult result : results) {
      ObjectNode node = cases.addObject();
      node.put("case", result.spec().name());
      node.put("days", result.spec().days());
      node.put("junkItems", result.junkItems());
      node.put("itemsInCountersTable", result.tableItems());
      node.put("loadSeconds", result.loadSeconds());
      for (String mode : MODES) {
        node.putPOJO(
            mode + "RunMs", Stats.of(result.timed(mode).stream().map(Run::millis).toList()));
        node.putPOJO(
            mode + "MotoCountersQueriesMs",
            Stats.of(result.timed(mode).stream().map(Run::motoCountersMillis).toList()));
      }
      node.putPOJO("runs", result.runs());
      node.putPOJO("checks", result.checks());
      node.putPOJO("limitChecks", limitChecks.get(result.spec().name()));
    }
    Path dir = Files.createDirectories(root.resolve("bench/results"));
    Path mdFile = dir.resolve(name + "-" + date + ".md");
    Path jsonFile = dir.resolve(name + "-" + date + ".json");
    Files.writeString(mdFile, md.toString());
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(jsonFile.toFile(), json);
    System.out.println(md);
    System.out.println("written: " + root.relativize(mdFile) + ", " + root.relativize(jsonFile));
    return pass;
  }
}
