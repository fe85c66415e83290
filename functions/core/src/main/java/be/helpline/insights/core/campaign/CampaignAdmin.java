package be.helpline.insights.core.campaign;

import be.helpline.insights.core.error.InvalidInputException;
import be.helpline.insights.core.error.PayloadTooLargeException;
import be.helpline.insights.core.error.UnsupportedMediaTypeException;
import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Use case: coordinators configure campaigns; coordinators and analysts list them. */
public final class CampaignAdmin {
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final CampaignStore store;
  private final LandingHosts hosts;

  public CampaignAdmin(CampaignStore store, LandingHosts hosts) {
    this.store = store;
    this.hosts = hosts;
  }

  /**
   * Validates the body and stores it as campaign {@code id}, replacing an earlier version. Throws
   * 413 beyond 64 KB, 415 for a body that is not {@code application/json}, 400 naming each bad
   * field.
   */
  public Campaign configure(String id, String contentType, byte[] body) {
    if (body.length > MAX_BODY_BYTES) {
      throw new PayloadTooLargeException("a campaign is at most " + MAX_BODY_BYTES + " bytes");
    }
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw new UnsupportedMediaTypeException("send application/json");
    }
    JsonNode json;
    try {
      json = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw InvalidInputException.of("body", "not_json");
    }
    Campaign campaign = CampaignInput.read(id, json, hosts);
    store.save(campaign);
    return campaign;
  }

  /** Every campaign, by start date (then id). */
  public List<Campaign> list() {
    return store.list().stream()
        .sorted(Comparator.comparing(Campaign::start).thenComparing(Campaign::id))
        .toList();
  }
}
