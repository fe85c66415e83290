package be.helpline.insights.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.helpline.insights.core.disclosure.DisclosurePolicy;
import be.helpline.insights.core.json.Json;
import be.helpline.insights.testing.InMemorySnapshotStore;
import be.helpline.insights.testing.SnapshotSchemas;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotPublisherTest {
  private static final Instant AT = Instant.parse("2020-04-03T12:00:00Z");
  private static final SnapshotFile TRAFFIC =
      SnapshotFile.json("traffic.json", "{\"x\": 1}\n".getBytes(StandardCharsets.UTF_8));

  private final InMemorySnapshotStore store = new InMemorySnapshotStore();
  private final SnapshotPublisher publisher = new SnapshotPublisher(store);

  private SnapshotPublisher.Run run(String id) {
    return new SnapshotPublisher.Run(
        id,
        AT,
        AT,
        "Europe/Brussels",
        DisclosurePolicy.named("threshold5"),
        java.util.Map.of("published", false, "failure", "none in this test"));
  }

  @Test
  void publish_writesRunThenLatestCopiesThenLatestJsonLast() {
    publisher.publish(run("20200403T120000Z-0000abcd"), List.of(TRAFFIC));

    assertThat(store.writes())
        .containsExactly(
            "snapshots/v1/runs/20200403T120000Z-0000abcd/traffic.json",
            "snapshots/v1/runs/20200403T120000Z-0000abcd/manifest.json",
            "snapshots/v1/latest/traffic.json",
            "snapshots/v1/latest/manifest.json",
            "snapshots/v1/LATEST.json");
  }

  @Test
  void publish_manifestListsEachFileWithItsSha256AndSize() throws Exception {
    publisher.publish(run("20200403T120000Z-0000abcd"), List.of(TRAFFIC));

    String manifest = store.text("snapshots/v1/latest/manifest.json");
    JsonNode file = Json.mapper().readTree(manifest).path("files").get(0);
    assertThat(file.path("name").asText()).isEqualTo("traffic.json");
    // sha256 of the exact bytes {"x": 1}\n
    assertThat(file.path("sha256").asText())
        .isEqualTo("936353965b4ba9180e3acb781d81aa634390ac95fd2874a9cbc4c4846b49fbd4");
    assertThat(file.path("size").asLong()).isEqualTo(TRAFFIC.content().length);
    assertThat(SnapshotSchemas.errors("manifest.schema.json", manifest)).isEmpty();
    assertThat(SnapshotSchemas.errors("latest.schema.json", store.text("snapshots/v1/LATEST.json")))
        .isEmpty();
  }

  @Test
  void publish_failingMidway_leavesLatestJsonAtThePreviousRun() throws Exception {
    publisher.publish(run("20200403T120000Z-00000001"), List.of(TRAFFIC));
    store.failWritesEndingWith("latest/manifest.json");

    assertThatThrownBy(() -> publisher.publish(run("20200403T130000Z-00000002"), List.of(TRAFFIC)))
        .isInstanceOf(IllegalStateException.class);

    JsonNode latest = Json.mapper().readTree(store.text("snapshots/v1/LATEST.json"));
    assertThat(latest.path("runId").asText()).isEqualTo("20200403T120000Z-00000001");
    assertThat(latest.path("path").asText())
        .isEqualTo("snapshots/v1/runs/20200403T120000Z-00000001/");
  }

  @Test
  void publish_aRunThatBeganBeforeAnotherPublished_leavesLatestJsonAndLatestCopiesToIt()
      throws Exception {
    SnapshotFile older =
        SnapshotFile.json("traffic.json", "{\"x\": 1}\n".getBytes(StandardCharsets.UTF_8));
    SnapshotFile newer =
        SnapshotFile.json("traffic.json", "{\"x\": 2}\n".getBytes(StandardCharsets.UTF_8));
    String whenTheSlowRunBegan = publisher.latestVersion();
    SnapshotPublisher.Publication fast =
        publisher.publish(run("20200403T130000Z-00000002"), List.of(newer));

    SnapshotPublisher.Publication slow =
        publisher.publish(run("20200403T120000Z-00000001"), List.of(older), whenTheSlowRunBegan);

    assertThat(fast.current()).isTrue();
    assertThat(slow.current()).isFalse();
    JsonNode latest = Json.mapper().readTree(store.text("snapshots/v1/LATEST.json"));
    assertThat(latest.path("runId").asText()).isEqualTo("20200403T130000Z-00000002");
    assertThat(store.text("snapshots/v1/latest/traffic.json")).isEqualTo("{\"x\": 2}\n");
    // The slow run's own folder is complete all the same.
    assertThat(store.text(slow.run().path() + "traffic.json")).isEqualTo("{\"x\": 1}\n");
    assertThat(store.text(slow.run().path() + "manifest.json")).isNotNull();
  }
}
