package be.helpline.insights.aggregator;

import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.release.ReleaseCalendar;
import be.helpline.insights.core.site.SiteRegistry;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;

/** The aggregator's configuration, read once from its environment; fails fast on a missing key. */
record AggregatorConfig(
    AwsConfig aws,
    String countersTable,
    int shards,
    String campaignsTable,
    String registrationsTable,
    String snapshotBucket,
    SiteRegistry sites,
    ZoneId zone,
    DisclosurePolicy policy,
    ReleaseCalendar calendar,
    YearMonth calendarStart,
    int retentionDays) {
  /** Days after which a referral without an answer counts as unconfirmed (arrival rate). */
  static final int DEFAULT_OUTCOME_DAYS = 90;

  /** Days after its contact date a registration can be amended: a month settles that long. */
  static final int DEFAULT_SETTLE_DAYS = 30;

  static AggregatorConfig from(Map<String, String> env) {
    return new AggregatorConfig(
        AwsConfig.from(env),
        AwsConfig.require(env, "COUNTERS_TABLE"),
        Integer.parseInt(AwsConfig.require(env, "COUNTER_SHARDS")),
        AwsConfig.require(env, "CAMPAIGNS_TABLE"),
        AwsConfig.require(env, "REGISTRATIONS_TABLE"),
        AwsConfig.require(env, "SNAPSHOT_BUCKET"),
        SiteRegistry.fromJson(AwsConfig.require(env, "SITES")),
        ZoneId.of(AwsConfig.require(env, "REPORTING_TIME_ZONE")),
        DisclosurePolicy.named(AwsConfig.require(env, "DISCLOSURE_POLICY")),
        new ReleaseCalendar(
            days(env, "AMENDMENT_WINDOW_DAYS", DEFAULT_SETTLE_DAYS),
            days(env, "REFERRAL_OUTCOME_DAYS", DEFAULT_OUTCOME_DAYS)),
        YearMonth.from(LocalDate.parse(AwsConfig.require(env, "PROGRAMME_START"))),
        Integer.parseInt(AwsConfig.require(env, "RETENTION_DAYS")));
  }

  private static int days(Map<String, String> env, String name, int otherwise) {
    String value = env.get(name);
    return value == null || value.isBlank() ? otherwise : Integer.parseInt(value);
  }
}
