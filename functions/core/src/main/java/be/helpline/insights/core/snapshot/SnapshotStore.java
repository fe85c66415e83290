package be.helpline.insights.core.snapshot;

import java.util.Optional;

/** Port: where published snapshot files go (the snapshot bucket). */
public interface SnapshotStore {

  /** Stores the bytes under the key, replacing what was there. */
  void put(String key, byte[] content, String contentType);

  /** The bytes under the key; empty when there is no such key (any other failure throws). */
  Optional<byte[]> get(String key);
}
