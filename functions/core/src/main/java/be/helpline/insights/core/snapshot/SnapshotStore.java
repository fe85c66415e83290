package be.helpline.insights.core.snapshot;

import java.util.Optional;

/** Port: where published snapshot files go (the snapshot bucket). */
public interface SnapshotStore {

  /** A key's bytes and the tag of that version of them (S3's ETag). */
  record Versioned(byte[] content, String version) {}

  /** Stores the bytes under the key, replacing what was there. */
  void put(String key, byte[] content, String contentType);

  /** The bytes under the key; empty when there is no such key (any other failure throws). */
  Optional<byte[]> get(String key);

  /** {@link #get} with the version's tag. */
  Optional<Versioned> getVersioned(String key);

  /**
   * Stores the bytes only if the key still holds the version {@code version} (null: only if there
   * is no such key), as one conditional write; false when another write came first.
   */
  boolean putIfUnchanged(String key, byte[] content, String contentType, String version);
}
