package be.helpline.insights.aws.storage;

import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.core.campaign.CampaignStore;
import be.helpline.insights.core.error.StorageUnavailableException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Campaigns in DynamoDB, one item each: {@code pk = campaign#<id>}, {@code sk = config}. Creatives
 * are a list of {id, label} maps, so their order survives (a DynamoDB map has none).
 */
public final class DynamoDbCampaignStore implements CampaignStore {
  private static final String PREFIX = "campaign#";
  private static final String CONFIG = "config";

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbCampaignStore(DynamoDbClient dynamoDb, String table) {
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
      dynamoDb.putItem(put -> put.tableName(table).item(item));
    } catch (SdkException e) {
      throw new StorageUnavailableException("campaign not stored", e);
    }
  }

  @Override
  public Optional<Campaign> find(String id) {
    GetItemResponse response;
    try {
      response = dynamoDb.getItem(get -> get.tableName(table).key(key(id)));
    } catch (SdkException e) {
      throw new StorageUnavailableException("campaign not readable", e);
    }
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(campaign(response.item()))
        : Optional.empty();
  }

  @Override
  public List<Campaign> list() {
    ScanRequest scan =
        ScanRequest.builder()
            .tableName(table)
            .filterExpression("#sk = :config")
            .expressionAttributeNames(Map.of("#sk", "sk"))
            .expressionAttributeValues(Map.of(":config", AttributeValue.fromS(CONFIG)))
            .build();
    List<Campaign> campaigns = new ArrayList<>();
    try {
      dynamoDb.scanPaginator(scan).items().forEach(item -> campaigns.add(campaign(item)));
    } catch (SdkException e) {
      throw new StorageUnavailableException("campaigns not readable", e);
    }
    return campaigns;
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("pk", AttributeValue.fromS(PREFIX + id), "sk", AttributeValue.fromS(CONFIG));
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
