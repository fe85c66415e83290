package be.helpline.insights.core.campaign;

import be.helpline.insights.core.aggregation.DisclosurePolicy;
import be.helpline.insights.core.contacts.ContactFacts;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Builds {@code funnel.json}: per configured campaign, in this order, impressions, clicks,
 * campaign-tagged visits, visits to the self-help module during the window, contacts in the window,
 * those contacts that heard of the helpline through a banner, their referrals and the referrals'
 * confirmed arrivals. The last four come from registrations and pass disclosure control: a count
 * from 1 to below the policy's smallest published count is published as {@code "count": null,
 * "suppressed": "primary"}, others rounded as the policy says. Each is a subset of the one before
 * it or of contacts, and no complement is published, so no suppressed count can be recovered from
 * this file.
 */
public final class FunnelReport {
  /** The self-help module's site id, as SPEC pins it. */
  public static final String SELF_HELP_SITE = "selfhelp";

  private FunnelReport() {}

  public record Snapshot(
      int schemaVersion,
      String generatedAt,
      String dataThrough,
      String disclosurePolicy,
      List<CampaignFunnel> campaigns) {}

  public record CampaignFunnel(String id, String start, String end, List<Stage> stages) {}

  /** A stage's count, or a null count with the reason it is withheld. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Stage(
      String stage, @JsonInclude(JsonInclude.Include.ALWAYS) Long count, String suppressed) {
    static Stage of(String stage, long count) {
      return new Stage(stage, count, null);
    }

    static Stage controlled(String stage, long count, DisclosurePolicy policy) {
      if (count > 0 && count < policy.smallestPublished()) {
        return new Stage(stage, null, "primary");
      }
      long rounded = Math.round((double) count / policy.roundTo()) * policy.roundTo();
      return new Stage(stage, rounded, null);
    }
  }

  public static Snapshot build(
      CampaignReport.Inputs in,
      List<ContactFacts> contacts,
      DisclosurePolicy policy,
      String generatedAt,
      String dataThrough) {
    List<CampaignFunnel> funnels = new ArrayList<>();
    for (Campaign campaign : CampaignReport.sorted(in.campaigns())) {
      CampaignReport.CampaignFigures figures = CampaignReport.figures(campaign, in);
      long selfHelpVisits =
          CampaignReport.siteVisits(in, SELF_HELP_SITE)
              .subMap(campaign.start(), true, campaign.end(), true)
              .values()
              .stream()
              .mapToLong(Long::longValue)
              .sum();
      Predicate<ContactFacts> inWindow = contact -> campaign.runsOn(contact.contactDate());
      Predicate<ContactFacts> viaBanner = contact -> "CAMPAIGN_BANNER".equals(contact.howHeard());
      Predicate<ContactFacts> referred = ContactFacts::referred;
      Predicate<ContactFacts> arrived =
          contact -> contact.referred() && "ARRIVED".equals(contact.referral().outcome());
      funnels.add(
          new CampaignFunnel(
              campaign.id(),
              campaign.start().toString(),
              campaign.end().toString(),
              List.of(
                  Stage.of("impressions", figures.impressions()),
                  Stage.of("clicks", figures.clicks()),
                  Stage.of("taggedVisits", figures.landing().taggedVisits()),
                  Stage.of("selfhelpVisits", selfHelpVisits),
                  Stage.controlled("contacts", count(contacts, inWindow), policy),
                  Stage.controlled(
                      "contactsViaBanner", count(contacts, inWindow.and(viaBanner)), policy),
                  Stage.controlled("referrals", count(contacts, inWindow.and(referred)), policy),
                  Stage.controlled("arrivals", count(contacts, inWindow.and(arrived)), policy))));
    }
    return new Snapshot(1, generatedAt, dataThrough, policy.name(), funnels);
  }

  private static long count(List<ContactFacts> contacts, Predicate<ContactFacts> which) {
    return contacts.stream().filter(which).count();
  }
}
