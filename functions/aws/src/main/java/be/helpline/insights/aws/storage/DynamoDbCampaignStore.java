package be.helpline.insights.aws.storage;

import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.core.campaign.CampaignStore;
import be.helpline.insights.core.campaign.ImpressionReport;
import be.helpline.insights.core.campaign.ImpressionRow;
import be.helpline.insights.core.error.StorageUnavailableException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns in DynamoDB, all items of a campaign under {@code pk = campaign#<id>}: its
 * configuration ({@code sk = config}; creatives are a list of {id, label} maps, so their order
 * survives, a DynamoDB map has none), one item per imported (date, creative) row ({@code sk =
 * impressions#<date>#<creative>}, written whole with BatchWriteItem puts, so a re-import replaces
 * it) and its reach ({@code sk = reach}, apart from the configuration, which a PUT replaces).
 */
public final class DynamoDbCampaignStore implements CampaignStore {
  private static final String PREFIX = "campaign#";
  private static final String CONFIG = "config";
  private static final String IMPRESSIONS = "impressions#";
  private static final String REACH = "reach";
  private static final int BATCH = 25;
  private static final int BATCH_ATTEMPTS = 8;

  private final DynamoDbHttp dynamoDb;
  private final String table;

  public DynamoDbCampaignStore(DynamoDbHttp dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public void save(Campaign campaign) {
    Map<String, AttributeValue> item = new HashMap<>(key(campaign.id()));
    item.put("id", AttributeValue.fromS(campaign.id()));
    item.put("name", AttributeValue.fromS(campaign.name()));
    item.put("start", AttributeValue.fromS(campaign.start().toString()));
    item.put("end", AttributeValue.fromS(campaign.end().toString()));
    item.put("landingUrl", AttributeValue.fromS(campaign.landingUrl()));
    List<AttributeValue> creatives = new ArrayList<>();
    campaign
        .creatives()
        .forEach(
            (id, label) ->
                creatives.add(
                    AttributeValue.fromM(
                        Map.of(
                            "id",
                            AttributeValue.fromS(id),
                            "label",
                            AttributeValue.fromS(label)))));
    item.put("creatives", AttributeValue.fromL(creatives));
    try {
      dynamoDb.putItem(new DynamoDbHttp.Put(table, item));
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("campaign not stored", e);
    }
  }

  @Override
  public Optional<Campaign> find(String id) {
    Map<String, AttributeValue> item;
    try {
      item = dynamoDb.getItem(table, key(id), false);
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("campaign not readable", e);
    }
    return item.isEmpty() ? Optional.empty() : Optional.of(campaign(item));
  }

  @Override
  public List<Campaign> list() {
    DynamoDbHttp.Scan scan =
        new DynamoDbHttp.Scan(
            table,
            "#sk = :config",
            Map.of("#sk", "sk"),
            Map.of(":config", AttributeValue.fromS(CONFIG)),
            false,
            null);
    List<Campaign> campaigns = new ArrayList<>();
    try {
      dynamoDb.scan(scan).forEach(item -> campaigns.add(campaign(item)));
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("campaigns not readable", e);
    }
    return campaigns;
  }

  @Override
  public void saveImpressions(String campaignId, List<ImpressionRow> rows) {
    for (int from = 0; from < rows.size(); from += BATCH) {
      List<Map<String, AttributeValue>> writes = new ArrayList<>();
      for (ImpressionRow row : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
        Map<String, AttributeValue> item =
            new HashMap<>(key(campaignId, IMPRESSIONS + row.date() + "#" + row.creative()));
        item.put("date", AttributeValue.fromS(row.date().toString()));
        item.put("creative", AttributeValue.fromS(row.creative()));
        item.put("impressions", AttributeValue.fromN(Long.toString(row.impressions())));
        writes.add(item);
      }
      writeBatch(writes);
    }
  }

  /** Writes one batch, resending what DynamoDB left unprocessed (throttling) a few times. */
  private void writeBatch(List<Map<String, AttributeValue>> writes) {
    List<Map<String, AttributeValue>> pending = writes;
    try {
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        if (attempt > BATCH_ATTEMPTS) {
          throw new StorageUnavailableException(
              "impressions not stored", new IllegalStateException("writes left unprocessed"));
        }
        if (attempt > 1) {
          Thread.sleep(Math.min(1000L, 25L << attempt));
        }
        pending = dynamoDb.batchPut(table, pending);
      }
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("impressions not stored", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("impressions not stored", e);
    }
  }

  @Override
  public void saveReach(String campaignId, long reach) {
    Map<String, AttributeValue> item = new HashMap<>(key(campaignId, REACH));
    item.put("reach", AttributeValue.fromN(Long.toString(reach)));
    try {
      dynamoDb.putItem(new DynamoDbHttp.Put(table, item));
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("reach not stored", e);
    }
  }

  @Override
  public ImpressionReport impressions(String campaignId) {
    DynamoDbHttp.Query query =
        new DynamoDbHttp.Query(
            table, "pk = :pk", Map.of(":pk", AttributeValue.fromS(PREFIX + campaignId)));
    List<ImpressionRow> rows = new ArrayList<>();
    Long reach = null;
    try {
      for (Map<String, AttributeValue> item : dynamoDb.query(query)) {
        String sk = item.get("sk").s();
        if (sk.startsWith(IMPRESSIONS)) {
          rows.add(
              new ImpressionRow(
                  LocalDate.parse(item.get("date").s()),
                  item.get("creative").s(),
                  Long.parseLong(item.get("impressions").n())));
        } else if (sk.equals(REACH)) {
          reach = Long.parseLong(item.get("reach").n());
        }
      }
    } catch (DynamoDbException e) {
      throw new StorageUnavailableException("impressions not readable", e);
    }
    return new ImpressionReport(rows, reach);
  }

  private static Map<String, AttributeValue> key(String id) {
    return key(id, CONFIG);
  }

  private static Map<String, AttributeValue> key(String id, String sk) {
    return Map.of("pk", AttributeValue.fromS(PREFIX + id), "sk", AttributeValue.fromS(sk));
  }

  private static Campaign campaign(Map<String, AttributeValue> item) {
    Map<String, String> creatives = new LinkedHashMap<>();
    item.get("creatives")
        .l()
        .forEach(
            creative -> creatives.put(creative.m().get("id").s(), creative.m().get("label").s()));
    return new Campaign(
        item.get("id").s(),
        item.get("name").s(),
        LocalDate.parse(item.get("start").s()),
        LocalDate.parse(item.get("end").s()),
        item.get("landingUrl").s(),
        creatives);
  }
}
