package be.helpline.insights.testing;

import be.helpline.insights.core.snapshot.SnapshotStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fake snapshot bucket that remembers the order of writes and can be told to fail. */
public final class InMemorySnapshotStore implements SnapshotStore {
  private final Map<String, byte[]> objects = new LinkedHashMap<>();
  private final Map<String, String> versions = new LinkedHashMap<>();
  private int written;
  private final List<String> writes = new ArrayList<>();
  private String failOn;

  @Override
  public synchronized void put(String key, byte[] content, String contentType) {
    if (failOn != null && key.endsWith(failOn)) {
      throw new IllegalStateException("storage failure injected for " + key);
    }
    objects.put(key, content.clone());
    versions.put(key, "v" + ++written);
    writes.add(key);
  }

  @Override
  public synchronized java.util.Optional<Versioned> getVersioned(String key) {
    return get(key).map(content -> new Versioned(content, versions.get(key)));
  }

  @Override
  public synchronized boolean putIfUnchanged(
      String key, byte[] content, String contentType, String version) {
    if (!java.util.Objects.equals(versions.get(key), version)) {
      return false;
    }
    put(key, content, contentType);
    return true;
  }

  @Override
  public synchronized java.util.Optional<byte[]> get(String key) {
    return java.util.Optional.ofNullable(objects.get(key)).map(byte[]::clone);
  }

  /** Makes every later write of a key ending with this suffix fail. */
  public synchronized void failWritesEndingWith(String suffix) {
    this.failOn = suffix;
  }

  public synchronized String text(String key) {
    byte[] content = objects.get(key);
    return content == null ? null : new String(content, StandardCharsets.UTF_8);
  }

  public synchronized List<String> writes() {
    return List.copyOf(writes);
  }
}
