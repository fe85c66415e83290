package be.helpline.insights.aggregator;

import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.core.aggregation.DisclosurePolicy;
import be.helpline.insights.core.site.SiteRegistry;
import java.time.ZoneId;
import java.util.Map;

/** The aggregator's configuration, read once from its environment; fails fast on a missing key. */
record AggregatorConfig(
    AwsConfig aws,
    String countersTable,
    String campaignsTable,
    String registrationsTable,
    String snapshotBucket,
    SiteRegistry sites,
    ZoneId zone,
    DisclosurePolicy policy,
    int outcomeDays) {
  /** Days after which a referral without an answer counts as unconfirmed (arrival rate). */
  static final int DEFAULT_OUTCOME_DAYS = 90;

  static AggregatorConfig from(Map<String, String> env) {
    return new AggregatorConfig(
        AwsConfig.from(env),
        AwsConfig.require(env, "COUNTERS_TABLE"),
        AwsConfig.require(env, "CAMPAIGNS_TABLE"),
        AwsConfig.require(env, "REGISTRATIONS_TABLE"),
        AwsConfig.require(env, "SNAPSHOT_BUCKET"),
        SiteRegistry.fromJson(AwsConfig.require(env, "SITES")),
        ZoneId.of(AwsConfig.require(env, "REPORTING_TIME_ZONE")),
        DisclosurePolicy.named(AwsConfig.require(env, "DISCLOSURE_POLICY")),
        Integer.parseInt(
            env.getOrDefault("REFERRAL_OUTCOME_DAYS", String.valueOf(DEFAULT_OUTCOME_DAYS))));
  }
}
