package be.helpline.insights.registration;

import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.core.json.JsonTree;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Campaigns as the staff API shows them; creatives keep the order they were configured in. */
final class CampaignJson {
  private CampaignJson() {}

  static ObjectNode of(Campaign campaign) {
    ObjectNode json = JsonTree.object();
    json.put("id", campaign.id());
    json.put("name", campaign.name());
    json.put("start", campaign.start().toString());
    json.put("end", campaign.end().toString());
    json.put("landingUrl", campaign.landingUrl());
    ObjectNode creatives = json.putObject("creatives");
    campaign.creatives().forEach(creatives::put);
    return json;
  }

  static ObjectNode list(List<Campaign> campaigns) {
    ObjectNode json = JsonTree.object();
    ArrayNode array = json.putArray("campaigns");
    campaigns.forEach(campaign -> array.add(of(campaign)));
    return json;
  }
}
