package be.helpline.insights.aws.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.aws.AwsClients;
import be.helpline.insights.aws.testing.Emulator;
import be.helpline.insights.core.campaign.Campaign;
import be.helpline.insights.core.campaign.ImpressionReport;
import be.helpline.insights.core.campaign.ImpressionRow;
import be.helpline.insights.core.error.StorageUnavailableException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamoDbCampaignStoreIT {
  private final Emulator emulator = Emulator.moto();
  private final String table = emulator.newTable("campaigns");
  private final DynamoDbCampaignStore store =
      new DynamoDbCampaignStore(emulator.functionsDynamoDb(), table);

  private static Campaign campaign(String id, String start, String... creatives) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String creative : creatives) {
      labels.put(creative, "Label " + creative);
    }
    return new Campaign(
        id,
        "Campagne " + id,
        LocalDate.parse(start),
        LocalDate.parse(start).plusDays(30),
        "https://stopitnow.example/?lang=nl",
        labels);
  }

  @Test
  void save_thenFind_givesTheSameCampaignWithCreativesInOrder() {
    Campaign spring = campaign("spring20", "2020-04-01", "c9", "c1", "c5");
    store.save(spring);

    assertThat(store.find("spring20")).contains(spring);
    assertThat(store.find("spring20").orElseThrow().creatives().keySet())
        .containsExactly("c9", "c1", "c5");
    assertThat(store.find("autumn20")).isEmpty();
  }

  @Test
  void saveImpressions_moreThanOneBatch_replacesRowsOfTheSameDateAndCreative_andKeepsTheConfig() {
    store.save(campaign("spring20", "2020-04-01", "c1", "c2"));
    List<ImpressionRow> rows = new ArrayList<>();
    for (int day = 0; day < 30; day++) {
      rows.add(new ImpressionRow(LocalDate.of(2020, 4, 1).plusDays(day), "c1", 100));
      rows.add(new ImpressionRow(LocalDate.of(2020, 4, 1).plusDays(day), "c2", 50));
    }
    store.saveImpressions("spring20", rows);
    store.saveReach("spring20", 900);
    store.saveImpressions(
        "spring20", List.of(new ImpressionRow(LocalDate.of(2020, 4, 1), "c1", 10)));
    store.save(campaign("spring20", "2020-04-01", "c1", "c2"));

    ImpressionReport report = store.impressions("spring20");
    assertThat(report.rows()).hasSize(60);
    assertThat(report.totalImpressions()).isEqualTo(30 * 150 - 90);
    assertThat(report.rows().getFirst())
        .isEqualTo(new ImpressionRow(LocalDate.of(2020, 4, 1), "c1", 10));
    assertThat(report.reach()).isEqualTo(900L);
    assertThat(store.list()).hasSize(1);
    assertThat(store.impressions("autumn20")).isEqualTo(ImpressionReport.NONE);
  }

  @Test
  void save_sameIdAgain_replacesIt() {
    store.save(campaign("spring20", "2020-04-01", "c1"));
    store.save(campaign("spring20", "2020-04-02", "c2"));

    assertThat(store.list()).containsExactly(campaign("spring20", "2020-04-02", "c2"));
  }

  @Test
  void item_hasTheDocumentedKeys() {
    store.save(campaign("spring20", "2020-04-01", "c1"));

    var item = emulator.dynamoDb().scan(scan -> scan.tableName(table)).items().getFirst();
    assertThat(item.get("pk").s()).isEqualTo("campaign#spring20");
    assertThat(item.get("sk").s()).isEqualTo("config");
  }

  @Test
  void list_givesOnlyCampaignConfigurations() {
    store.save(campaign("spring20", "2020-04-01", "c1"));
    store.save(campaign("autumn20", "2020-10-01", "c1", "c2"));
    emulator
        .dynamoDb()
        .putItem(
            put ->
                put.tableName(table)
                    .item(
                        Map.of(
                            "pk",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                "campaign#spring20"),
                            "sk",
                            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                "impressions#2020-04-01#c1"))));

    assertThat(store.list())
        .extracting(Campaign::id)
        .containsExactlyInAnyOrder("spring20", "autumn20");
  }

  @Test
  void unreachableStorage_isStorageUnavailable() {
    DynamoDbCampaignStore down =
        new DynamoDbCampaignStore(
            new DynamoDbHttp(
                Emulator.at(URI.create("http://127.0.0.1:9")).config(),
                AwsClients.Budget.REDIRECT,
                DynamoDbHttp.Retries.STANDARD),
            table);

    assertThatThrownBy(() -> down.find("spring20")).isInstanceOf(StorageUnavailableException.class);
    assertThatThrownBy(() -> down.save(campaign("spring20", "2020-04-01", "c1")))
        .isInstanceOf(StorageUnavailableException.class);
  }
}
