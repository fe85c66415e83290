package be.helpline.insights.aggregator;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.http.StructuredLog;
import be.helpline.insights.aws.storage.DynamoDbCampaignStore;
import be.helpline.insights.aws.storage.DynamoDbContactFactsSource;
import be.helpline.insights.aws.storage.DynamoDbDailyCounterStore;
import be.helpline.insights.aws.storage.DynamoDbHttp;
import be.helpline.insights.aws.storage.DynamoDbHttp.Retries;
import be.helpline.insights.aws.storage.S3SnapshotStore;
import be.helpline.insights.core.aggregation.Aggregator;
import be.helpline.insights.core.contacts.ContactStatistics;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.core.snapshot.SnapshotPublisher;
import be.helpline.insights.core.vocabulary.Vocabulary;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The scheduled aggregator: reads {@code {"rebuild": bool}} (a rebuild reads every retained day of
 * the counters again instead of the closed days the previous run kept), publishes a snapshot run
 * and answers with its LATEST.json record. A failure is logged and rethrown, so the invocation
 * fails and LATEST.json keeps pointing at the previous run.
 */
public final class AggregatorHandler implements RequestStreamHandler {
  private final Aggregator aggregator;

  public AggregatorHandler() {
    this(System.getenv(), Clock.systemUTC());
  }

  /** The composition root: builds the function's collaborators once, at init. */
  public AggregatorHandler(Map<String, String> env, Clock clock) {
    this(compose(AggregatorConfig.from(env), clock));
  }

  AggregatorHandler(Aggregator aggregator) {
    this.aggregator = aggregator;
  }

  private static Aggregator compose(AggregatorConfig config, Clock clock) {
    DynamoDbHttp dynamoDb =
        new DynamoDbHttp(config.aws(), AwsClients.Budget.BATCH, Retries.STANDARD);
    return new Aggregator(
        config.sites(),
        DynamoDbDailyCounterStore.forReading(dynamoDb, config.countersTable(), config.shards()),
        new DynamoDbCampaignStore(dynamoDb, config.campaignsTable()),
        new DynamoDbContactFactsSource(dynamoDb, config.registrationsTable()),
        new ContactStatistics(
            Vocabulary.standard(), config.policy(), config.calendar(), config.calendarStart()),
        new SnapshotPublisher(
            new S3SnapshotStore(
                AwsClients.http(AwsClients.Budget.BATCH), config.aws(), config.snapshotBucket())),
        clock,
        config.zone(),
        config.policy(),
        SnapshotSchemaFiles.load(),
        config.retentionDays());
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    StructuredLog log = StructuredLog.of(context);
    JsonNode event = Json.mapper().readTree(input);
    boolean rebuild = event != null && event.path("rebuild").asBoolean(false);
    try {
      Aggregator.Result result = aggregator.run(rebuild);
      SnapshotPublisher.Latest latest = result.latest();
      Aggregator.CounterReads reads = result.counters();
      log.info(
          "aggregation_published",
          "runId",
          latest.runId(),
          "rebuild",
          rebuild,
          "counterHistory",
          reads.history(),
          "subjectsFromHistory",
          reads.subjectsFromHistory(),
          "subjectsInFull",
          reads.subjectsInFull());
      if (!result.current()) {
        // Another run published while this one ran (an operator's run beside the schedule's):
        // LATEST.json and latest/ stay on it; this run's own folder is complete.
        log.warn("aggregation_superseded", "runId", latest.runId(), "path", latest.path());
      }
      if (result.contacts() != null && !result.contacts().released().isEmpty()) {
        log.info("contacts_released", "periods", result.contacts().released());
      }
      if (result.fallbacks() > 0) {
        // Disclosure control withheld figures (or contacts could not be published): alarm on it.
        log.error(
            "contacts_withheld",
            null,
            "withheld",
            result.contacts() == null ? List.of() : result.contacts().withheld(),
            "failure",
            result.failure() == null ? "" : result.failure());
        log.metric(
            StructuredLog.count(
                System.currentTimeMillis(),
                "aggregator",
                "DisclosureFallback",
                result.fallbacks()));
      }
      // A run that published: the "no successful run for 2 hours" alarm watches this count.
      log.metric(StructuredLog.count(System.currentTimeMillis(), "aggregator", "RunSucceeded", 1));
      Json.mapper().writeValue(output, latest);
    } catch (RuntimeException e) {
      log.error("aggregation_failed", e, "rebuild", rebuild);
      throw e;
    }
  }
}
