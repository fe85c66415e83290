package be.helpline.insights.aggregator;

import be.helpline.insights.core.snapshot.SnapshotFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON Schemas of schemas/v1/, packaged in the aggregator's jar, read once at init. */
final class SnapshotSchemaFiles {
  static final List<String> NAMES =
      List.of(
          "latest.schema.json",
          "manifest.schema.json",
          "traffic.schema.json",
          "traffic-summary.schema.json",
          "traffic-daily.schema.json",
          "campaigns.schema.json",
          "funnel.schema.json",
          "contacts.schema.json");

  private SnapshotSchemaFiles() {}

  static List<SnapshotFile> load() {
    List<SnapshotFile> files = new ArrayList<>();
    for (String name : NAMES) {
      try (InputStream in = SnapshotSchemaFiles.class.getResourceAsStream("/schemas/v1/" + name)) {
        if (in == null) {
          throw new IllegalStateException("schema missing from the jar: " + name);
        }
        files.add(new SnapshotFile(name, in.readAllBytes(), "application/schema+json"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }
}
