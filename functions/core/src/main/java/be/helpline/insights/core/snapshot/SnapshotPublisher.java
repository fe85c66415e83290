package be.helpline.insights.core.snapshot;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Publishes a run: every file and the manifest under {@code snapshots/v1/runs/<runId>/} (never
 * touched again), the same under {@code snapshots/v1/latest/}, and {@code snapshots/v1/LATEST.json}
 * last, so a run that fails midway leaves LATEST.json pointing at the previous complete run.
 */
public final class SnapshotPublisher {
  public static final String ROOT = "snapshots/v1/";

  /**
   * The publication ledger of contact statistics: the contacts.json published last, the source of
   * every later one (SPEC section 6.1). Outside {@code snapshots/}, so that nothing serves or
   * expires it with the runs, and a rebuild keeps it.
   */
  public static final String LEDGER = "ledger/v1/contacts.json";

  private final SnapshotStore store;

  public SnapshotPublisher(SnapshotStore store) {
    this.store = store;
  }

  public record Manifest(
      int schemaVersion,
      String generatedAt,
      String dataThrough,
      String timeZone,
      Object disclosurePolicy,
      Object contacts,
      List<FileEntry> files) {}

  public record FileEntry(String name, String sha256, long size) {}

  public record Latest(String runId, String generatedAt, String dataThrough, String path) {}

  /**
   * Everything a run publishes besides its files; {@code contacts} says what the contact
   * statistics' release did (released, withheld, next release).
   */
  public record Run(
      String runId,
      Instant generatedAt,
      Instant dataThrough,
      String timeZone,
      Object disclosurePolicy,
      Object contacts) {}

  /** The ledger as stored, or empty before the first release. */
  public Optional<byte[]> ledger() {
    return store.get(LEDGER);
  }

  /** Stores the ledger; a run does so before it publishes anything from it. */
  public void writeLedger(byte[] contacts) {
    store.put(LEDGER, contacts, "application/json");
  }

  /** Publishes the JSON Schemas that snapshot files follow, under {@code schemas/v1/}. */
  public void publishSchemas(List<SnapshotFile> schemas) {
    for (SnapshotFile schema : schemas) {
      store.put("schemas/v1/" + schema.name(), schema.content(), schema.contentType());
    }
  }

  public Latest publish(Run run, List<SnapshotFile> files) {
    List<FileEntry> entries = new ArrayList<>();
    for (SnapshotFile file : files) {
      entries.add(new FileEntry(file.name(), sha256(file.content()), file.content().length));
    }
    Manifest manifest =
        new Manifest(
            1,
            run.generatedAt().toString(),
            run.dataThrough().toString(),
            run.timeZone(),
            run.disclosurePolicy(),
            run.contacts(),
            entries);
    List<SnapshotFile> all = new ArrayList<>(files);
    all.add(SnapshotFile.json("manifest.json", toJson(manifest)));

    String runPath = ROOT + "runs/" + run.runId() + "/";
    for (SnapshotFile file : all) {
      store.put(runPath + file.name(), file.content(), file.contentType());
    }
    for (SnapshotFile file : all) {
      store.put(ROOT + "latest/" + file.name(), file.content(), file.contentType());
    }
    Latest latest =
        new Latest(
            run.runId(), run.generatedAt().toString(), run.dataThrough().toString(), runPath);
    store.put(ROOT + "LATEST.json", toJson(latest), "application/json");
    return latest;
  }

  /** Pretty-printed, key-ordered JSON with a final newline: the same data gives the same bytes. */
  public static byte[] toJson(Object value) {
    try {
      return (Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
