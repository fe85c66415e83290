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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Publishes a run: every file and the manifest under {@code snapshots/v1/runs/<runId>/} (never
 * touched again), the same under {@code snapshots/v1/latest/}, and {@code snapshots/v1/LATEST.json}
 * last, so a run that fails midway leaves LATEST.json pointing at the previous complete run.
 *
 * <p>LATEST.json only moves forward: a run remembers which version of it was there when it began
 * ({@link #latestVersion}), and if another run has published since, it leaves {@code latest/} and
 * LATEST.json alone (its own folder stays, complete); LATEST.json itself is written with one
 * conditional write on that version. What {@code latest/} guarantees: each file is whole, and once
 * a run has published, every file there is that run's; while a run copies its files there, or after
 * one failed while copying, it can hold files of two runs (the next run repairs it). A reader that
 * needs one run's files reads LATEST.json and then its {@code path}, as the dashboard does.
 */
public final class SnapshotPublisher {
  public static final String ROOT = "snapshots/v1/";

  /**
   * The publication ledger of contact statistics: the contacts.json published last, the source of
   * every later one (SPEC section 6.1). Outside {@code snapshots/}, so that nothing serves or
   * expires it with the runs, and a rebuild keeps it.
   */
  public static final String LEDGER = "ledger/v1/contacts.json";

  /**
   * The true counts of the ledger's figures (suppressed ones included), kept for the next release
   * and never published: registrations expire, released figures do not. Tied to the ledger's bytes
   * by their SHA-256; counts of another ledger are not used.
   */
  public static final String LEDGER_COUNTS = "ledger/v1/counts.json";

  /**
   * The counters of closed days ({@code CounterHistory}), kept so a run Queries only the days that
   * can still change; private like the ledger, and rebuilt from the table by {@code {"rebuild":
   * true}}.
   */
  public static final String COUNTER_HISTORY = "ledger/v1/counters.json.gz";

  private final SnapshotStore store;

  /** The private counts file: the ledger it belongs to and the count of each figure. */
  private record LedgerCounts(String ledgerSha256, Map<String, Long> counts) {}

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

  /**
   * The true counts stored with this ledger, by figure id; empty when none are stored or they
   * belong to another ledger (one stored after them failed to be, or was replaced by hand).
   */
  public Map<String, Long> ledgerCounts(byte[] ledger) {
    Optional<byte[]> stored = store.get(LEDGER_COUNTS);
    if (stored.isEmpty()) {
      return Map.of();
    }
    try {
      LedgerCounts counts = Json.mapper().readValue(stored.get(), LedgerCounts.class);
      return counts.ledgerSha256().equals(sha256(ledger)) ? counts.counts() : Map.of();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("the ledger's counts are not readable", e);
    }
  }

  /** Stores the true counts of a ledger's figures; a run does so before it stores the ledger. */
  public void writeLedgerCounts(byte[] ledger, Map<String, Long> counts) {
    store.put(
        LEDGER_COUNTS,
        toJson(new LedgerCounts(sha256(ledger), new TreeMap<>(counts))),
        "application/json");
  }

  /** The counter history as stored, or empty before the first run that kept one. */
  public Optional<byte[]> counterHistory() {
    return store.get(COUNTER_HISTORY);
  }

  /** Stores the counter history for the next run. */
  public void writeCounterHistory(byte[] history) {
    store.put(COUNTER_HISTORY, history, "application/gzip");
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

  /**
   * What a publication did: {@code run} names this run's own files; {@code current} is false when
   * another run published LATEST.json after this one began, so this one left it and {@code latest/}
   * alone.
   */
  public record Publication(Latest run, boolean current) {}

  /** The version of LATEST.json now, null when there is none: taken when a run begins. */
  public String latestVersion() {
    return store
        .getVersioned(ROOT + "LATEST.json")
        .map(SnapshotStore.Versioned::version)
        .orElse(null);
  }

  /** {@link #publish(Run, List, String)} for a run that begins now. */
  public Publication publish(Run run, List<SnapshotFile> files) {
    return publish(run, files, latestVersion());
  }

  /**
   * Publishes a run that began when LATEST.json was at version {@code latestWhenBegun} (null:
   * none).
   */
  public Publication publish(Run run, List<SnapshotFile> files, String latestWhenBegun) {
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
    Latest latest =
        new Latest(
            run.runId(), run.generatedAt().toString(), run.dataThrough().toString(), runPath);
    if (!java.util.Objects.equals(latestVersion(), latestWhenBegun)) {
      return new Publication(latest, false);
    }
    for (SnapshotFile file : all) {
      store.put(ROOT + "latest/" + file.name(), file.content(), file.contentType());
    }
    boolean moved =
        store.putIfUnchanged(
            ROOT + "LATEST.json", toJson(latest), "application/json", latestWhenBegun);
    return new Publication(latest, moved);
  }

  /**
   * Compact, key-ordered JSON with a final newline: the same data gives the same bytes. Not
   * pretty-printed: indentation made a third of traffic.json's bytes ({@code jq .} shows it
   * indented).
   */
  public static byte[] toJson(Object value) {
    try {
      return (Json.mapper().writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
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
