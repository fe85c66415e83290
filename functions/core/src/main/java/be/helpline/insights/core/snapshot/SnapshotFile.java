package be.helpline.insights.core.snapshot;

/**
 * One published file of a run, by its name relative to the run folder (e.g. {@code traffic.json}).
 */
public record SnapshotFile(String name, byte[] content, String contentType) {

  public static SnapshotFile json(String name, byte[] content) {
    return new SnapshotFile(name, content, "application/json");
  }
}
