package be.helpline.insights.local;

import static org.assertj.core.api.Assertions.assertThat;

import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.site.SiteRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Untrusted input creates no state, through the local API on moto: beacons and clicks naming a
 * unique campaign, creative, path and often site of their own grow the counters table by at most
 * one item per configured subject and shard of the day, and every other table not at all: 10,000
 * events, 5,000 of each (the in-memory property tests of BeaconIntake and ClickRedirect send 10,000
 * of each).
 */
class UntrustedInputIT {
  private static final int EACH = 5_000;
  @RegisterExtension static final LocalRunnerExtension LOCAL = new LocalRunnerExtension();

  private static RunnerHttp http() {
    return LOCAL.http();
  }

  @Test
  void beaconsAndClicksWithMadeUpIds_growTheTablesByAtMostAConstantOfTheConfiguration()
      throws Exception {
    http().setClock("2020-04-10T10:00:00Z");
    String campaign =
        Json.mapper()
            .writeValueAsString(
                Map.of(
                    "name", "Voorjaar 2020",
                    "start", "2020-04-01",
                    "end", "2020-05-19",
                    "landingUrl", "https://stopitnow.example/",
                    "creatives", Map.of("c1", "Kijk uit wat je kijkt!")));
    assertThat(
            http()
                .send(
                    http()
                        .request("/v1/campaigns/spring20", "Bearer " + http().token("coordinator"))
                        .PUT(BodyPublishers.ofString(campaign)))
                .statusCode())
        .isBetween(200, 201);
    Map<String, Integer> before = itemsPerTable();

    Random random = new Random(14);
    List<String> sources = List.of("direct", "search", "social", "campaign", "other", "made-up");
    List<HttpRequest.Builder> requests = new ArrayList<>();
    for (int i = 0; i < EACH; i++) {
      boolean known = random.nextInt(4) != 0;
      String site = known ? (random.nextBoolean() ? "selfhelp" : "main") : "site" + i;
      String origin =
          switch (site) {
            case "selfhelp" -> "https://selfhelp.example";
            case "main" -> "https://stopitnow.example";
            default -> "https://" + site + ".example";
          };
      String body =
          String.format(
              "{\"site\": \"%s\", \"path\": \"/p/%d\", \"source\": \"%s\","
                  + " \"campaign\": \"c%08x\", \"newVisit\": %b}",
              site,
              random.nextInt(),
              sources.get(random.nextInt(sources.size())),
              i,
              random.nextBoolean());
      requests.add(
          HttpRequest.newBuilder(http().uri("/v1/beacons"))
              .header("origin", origin)
              .header("content-type", "text/plain;charset=UTF-8")
              .header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131 Safari/537.36")
              .POST(BodyPublishers.ofString(body)));
      String clickCampaign = random.nextInt(4) == 0 ? "spring20" : String.format("k%08x", i);
      String creative = random.nextBoolean() ? "c1" : String.format("cr%08x", i);
      requests.add(
          HttpRequest.newBuilder(http().uri("/c/" + clickCampaign + "/" + creative))
              .header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131 Safari/537.36"));
    }
    Map<Integer, Integer> statuses = new TreeMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (HttpRequest.Builder request : requests) {
        answers.add(pool.submit(() -> http().send(request).statusCode()));
      }
      for (Future<Integer> answer : answers) {
        statuses.merge(answer.get(), 1, Integer::sum);
      }
    } finally {
      pool.shutdown();
    }
    Map<String, Integer> after = itemsPerTable();

    Map<String, String> env = LOCAL.runner().environment("AggregatorFunction");
    int shards = Integer.parseInt(env.get("COUNTER_SHARDS"));
    int sites = SiteRegistry.fromJson(env.get("SITES")).all().size();
    int campaigns = 1;
    // traffic: each site and "-"; clicks: each campaign and "*"; landing: each campaign; one day.
    int bound = shards * ((sites + 1) + (campaigns + 1) + campaigns);
    System.out.printf(
        "%,d beacons and %,d clicks with made-up ids (answers %s): items per table before %s,"
            + " after %s; bound on the counters' growth %d%n",
        EACH, EACH, statuses, before, after, bound);
    assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 * EACH);
    assertThat(statuses).containsKeys(204, 302);
    for (String table : before.keySet()) {
      int grown = after.get(table) - before.get(table);
      if (table.equals(env.get("COUNTERS_TABLE"))) {
        assertThat(grown).as(table).isPositive().isLessThanOrEqualTo(bound);
      } else {
        assertThat(grown).as(table).isZero();
      }
    }
  }

  private static Map<String, Integer> itemsPerTable() {
    Emulator emulator = Emulator.at(LOCAL.runner().emulator());
    Map<String, Integer> items = new TreeMap<>();
    for (String table : emulator.dynamoDb().listTables().tableNames()) {
      items.put(table, emulator.dynamoDb().scan(scan -> scan.tableName(table)).count());
    }
    return items;
  }
}
