package be.helpline.insights.core.campaign;

import be.helpline.insights.core.contacts.ContactTable;
import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.release.ReleaseCalendar;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@code funnel.json}: per configured campaign, in this order, impressions, clicks,
 * campaign-tagged visits, visits to the self-help module during the window, contacts, those
 * contacts that heard of the helpline through a banner, their referrals and the referrals'
 * confirmed arrivals. The last four are sums of cells that {@code contacts.json} published (SPEC
 * section 6.1 rule 5): over the whole released months the campaign window touches ({@code
 * contactMonths}), so they add nothing an intruder could not add up himself. While one of those
 * months (or its outcomes) is not released the stage is null with {@code releaseOn}; where one of
 * the cells is suppressed it is null and {@code "suppressed": "secondary"} (the sum would give the
 * cell away); a withheld month makes it {@code "suppressed": "withheld"}.
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

  public record CampaignFunnel(
      String id, String start, String end, List<String> contactMonths, List<Stage> stages) {}

  /** A stage's count, or a null count with the reason it is withheld. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Stage(
      String stage,
      @JsonInclude(JsonInclude.Include.ALWAYS) Long count,
      String suppressed,
      String releaseOn) {
    static Stage of(String stage, long count) {
      return new Stage(stage, count, null, null);
    }
  }

  /** The contact stages: their table and key in a month of contacts.json. */
  private record ContactStage(String stage, ContactTable table, String key) {}

  private static final List<ContactStage> CONTACT_STAGES =
      List.of(
          new ContactStage("contacts", ContactTable.TOTAL, "ALL"),
          new ContactStage("contactsViaBanner", ContactTable.HOW_HEARD, "CAMPAIGN_BANNER"),
          new ContactStage("referrals", ContactTable.REFERRALS, "ALL"),
          new ContactStage("arrivals", ContactTable.OUTCOMES, "ARRIVED"));

  /**
   * @param contacts the published contacts.json, or null when none is published
   */
  public static Snapshot build(
      CampaignReport.Inputs in,
      JsonNode contacts,
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
      List<String> months = new ArrayList<>();
      for (YearMonth m = YearMonth.from(campaign.start());
          !m.isAfter(YearMonth.from(campaign.end()));
          m = m.plusMonths(1)) {
        months.add(m.toString());
      }
      List<Stage> stages = new ArrayList<>();
      stages.add(Stage.of("impressions", figures.impressions()));
      stages.add(Stage.of("clicks", figures.clicks()));
      stages.add(Stage.of("taggedVisits", figures.landing().taggedVisits()));
      stages.add(Stage.of("selfhelpVisits", selfHelpVisits));
      for (ContactStage stage : CONTACT_STAGES) {
        stages.add(sum(stage.stage(), stage.table(), stage.key(), months, contacts));
      }
      funnels.add(
          new CampaignFunnel(
              campaign.id(),
              campaign.start().toString(),
              campaign.end().toString(),
              months,
              stages));
    }
    return new Snapshot(1, generatedAt, dataThrough, policy.name(), funnels);
  }

  /** The sum of one published cell over the months, or why it is not published. */
  private static Stage sum(
      String stage, ContactTable table, String key, List<String> months, JsonNode contacts) {
    if (contacts == null) {
      return new Stage(stage, null, "withheld", null); // no contact statistics in this run
    }
    Map<String, JsonNode> published = new HashMap<>();
    Set<String> withheld = new HashSet<>();
    for (JsonNode period : contacts.path("periods")) {
      if (period.path("kind").asText().equals("month")) {
        published.put(period.path("period").asText(), period.path("tables"));
      }
    }
    for (JsonNode period : contacts.path("withheld")) {
      withheld.add(period.path("period").asText());
    }
    long sum = 0;
    boolean suppressed = false;
    String releaseOn = null;
    for (String month : months) {
      JsonNode tables = published.get(month);
      boolean outcomesWithheld =
          table == ContactTable.OUTCOMES && withheld.contains(month + "/outcomes");
      if (withheld.contains(month) || outcomesWithheld) {
        return new Stage(stage, null, "withheld", null);
      }
      JsonNode cell = tables == null ? null : table.find(tables, key);
      if (cell == null || cell.isMissingNode() || cell.path("releaseOn").isTextual()) {
        // The stage is released with the last of its months.
        String on = releaseOn(contacts, month, table, cell);
        releaseOn =
            releaseOn == null || (on != null && on.compareTo(releaseOn) > 0) ? on : releaseOn;
        continue;
      }
      if (cell.path("count").isIntegralNumber()) {
        sum += cell.path("count").asLong();
      } else {
        suppressed = true;
      }
    }
    if (releaseOn != null) {
      return new Stage(stage, null, null, releaseOn);
    }
    return suppressed ? new Stage(stage, null, "secondary", null) : Stage.of(stage, sum);
  }

  /** When a month's cell is due: the cell says so, or the calendar's next counts release. */
  private static String releaseOn(
      JsonNode contacts, String month, ContactTable table, JsonNode cell) {
    if (cell != null && cell.path("releaseOn").isTextual()) {
      return cell.path("releaseOn").asText();
    }
    JsonNode calendar = contacts.path("calendar");
    ReleaseCalendar dates =
        new ReleaseCalendar(
            calendar.path("settleDays").asInt(), calendar.path("outcomeDays").asInt());
    YearMonth m = YearMonth.parse(month);
    return (table == ContactTable.OUTCOMES ? dates.outcomesRelease(m) : dates.countsRelease(m))
        .toString();
  }
}
