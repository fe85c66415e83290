package be.helpline.insights.registration;

import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.core.json.JsonWriter;
import java.util.List;
import java.util.Map;

/**
 * Campaigns as the staff API shows them; creatives keep the order they were configured in. Written
 * value by value ({@link JsonWriter}), without a tree: {@code GET /v1/campaigns} is what the
 * registration function's cold start is measured with (issue 19).
 */
final class CampaignJson {
  private CampaignJson() {}

  static JsonWriter of(Campaign campaign) {
    JsonWriter json = JsonWriter.forText();
    write(json, campaign);
    return json;
  }

  static JsonWriter list(List<Campaign> campaigns) {
    JsonWriter json = JsonWriter.forText().startObject().name("campaigns").startArray();
    for (Campaign campaign : campaigns) {
      write(json, campaign);
    }
    return json.endArray().endObject();
  }

  private static void write(JsonWriter json, Campaign campaign) {
    json.startObject()
        .name("id")
        .string(campaign.id())
        .name("name")
        .string(campaign.name())
        .name("start")
        .string(campaign.start().toString())
        .name("end")
        .string(campaign.end().toString())
        .name("landingUrl")
        .string(campaign.landingUrl())
        .name("creatives")
        .startObject();
    for (Map.Entry<String, String> creative : campaign.creatives().entrySet()) {
      json.name(creative.getKey()).string(creative.getValue());
    }
    json.endObject().endObject();
  }
}
