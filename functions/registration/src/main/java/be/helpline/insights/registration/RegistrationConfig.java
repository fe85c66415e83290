package be.helpline.insights.registration;

import be.helpline.insights.aws.AwsConfig;
import be.helpline.insights.core.campaign.LandingHosts;
import java.util.Map;

/** The registration function's configuration, read once from its environment; fails fast. */
record RegistrationConfig(AwsConfig aws, String campaignsTable, LandingHosts landingHosts) {

  static RegistrationConfig from(Map<String, String> env) {
    return new RegistrationConfig(
        AwsConfig.from(env),
        AwsConfig.require(env, "CAMPAIGNS_TABLE"),
        LandingHosts.fromConfig(AwsConfig.require(env, "LANDING_HOSTS")));
  }
}
