package be.helpline.insights.core.snapshot;

/** Port: where published snapshot files go (the snapshot bucket). */
public interface SnapshotStore {

  /** Stores the bytes under the key, replacing what was there. */
  void put(String key, byte[] content, String contentType);
}
