package be.helpline.insights.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The memory one piece of work on this thread took: the bytes the thread allocated (garbage
 * included), the most the heap pools held at once, and what the heap held after each collection
 * that ran during it. The peaks are reset after a GC at {@link #start}, so the peak is an upper
 * bound on what the work needs (the collector ran only when it had to), and a sum of per-pool peaks
 * that need not have happened at the same moment is an upper bound of the heap's own peak. What the
 * heap held after a collection is closer to what was live: all of it after a full collection, live
 * data plus the old generation's garbage after a young one.
 */
final class Footprint {
  private static final double MIB = 1048576.0;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final List<MemoryPoolMXBean> HEAP =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .toList();
  private static final Set<String> HEAP_POOLS =
      HEAP.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toUnmodifiableSet());
  private static final List<GarbageCollectorMXBean> COLLECTORS =
      ManagementFactory.getGarbageCollectorMXBeans();

  /** How long {@link #stop} waits for the notifications of collections it counted. */
  private static final long NOTIFICATION_WAIT_NANOS = 5_000_000_000L;

  /**
   * What the work took, in MiB: {@code beforeMb} the heap after the GC at start (what was already
   * there); {@code collections} ran during the work, taking {@code collectionMs}; {@code
   * mostAfterCollectionMb} the most the heap held after one of them (NaN when none ran).
   */
  record Used(
      double allocatedMb,
      double peakHeapMb,
      double beforeMb,
      int collections,
      double collectionMs,
      double mostAfterCollectionMb) {}

  /** One collection as its notification told it. */
  private record Collection(String collector, long id, double heapAfterMb, long durationMs) {}

  private final long thread = Thread.currentThread().threadId();
  private final Queue<Collection> collections = new ConcurrentLinkedQueue<>();
  private final NotificationListener listener = this::collected;
  private final Map<String, Long> countsAtStart = new HashMap<>();
  private final double beforeMb;
  private final long allocated;

  private Footprint() {
    // Listening before the GC below: a notification of it that arrives late is told apart by its
    // id.
    COLLECTORS.forEach(
        collector ->
            ((NotificationEmitter) collector).addNotificationListener(listener, null, null));
    System.gc();
    COLLECTORS.forEach(
        collector -> countsAtStart.put(collector.getName(), collector.getCollectionCount()));
    HEAP.forEach(MemoryPoolMXBean::resetPeakUsage);
    beforeMb = usedMb();
    allocated = THREADS.getThreadAllocatedBytes(thread);
  }

  /** Collects the garbage and resets the peaks; call on the thread that does the work. */
  static Footprint start() {
    return new Footprint();
  }

  /** Read right after the work, before anything else allocates. */
  Used stop() {
    double allocatedMb = (THREADS.getThreadAllocatedBytes(thread) - allocated) / MIB;
    double peakHeapMb = HEAP.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / MIB;
    Map<String, Long> countsAtStop = new HashMap<>();
    COLLECTORS.forEach(
        collector -> countsAtStop.put(collector.getName(), collector.getCollectionCount()));
    long expected =
        countsAtStop.entrySet().stream()
            .mapToLong(e -> e.getValue() - countsAtStart.getOrDefault(e.getKey(), 0L))
            .sum();
    // Notifications come on the JVM's service thread, a little after the collection.
    long deadline = System.nanoTime() + NOTIFICATION_WAIT_NANOS;
    List<Collection> during = during(countsAtStop);
    while (during.size() < expected && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      during = during(countsAtStop);
    }
    for (GarbageCollectorMXBean collector : COLLECTORS) {
      try {
        ((NotificationEmitter) collector).removeNotificationListener(listener);
      } catch (ListenerNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    if (during.size() < expected) {
      throw new IllegalStateException(
          "notified of " + during.size() + " of " + expected + " collections");
    }
    return new Used(
        allocatedMb,
        peakHeapMb,
        beforeMb,
        during.size(),
        during.stream().mapToLong(Collection::durationMs).sum(),
        during.stream().mapToDouble(Collection::heapAfterMb).max().orElse(Double.NaN));
  }

  /**
   * The heap still in use after a full collection: what the work left behind, with whatever was
   * there before it.
   */
  static double retainedMb() {
    System.gc();
    return usedMb();
  }

  private static double usedMb() {
    return HEAP.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum() / MIB;
  }

  /** The collections after start, up to the counts read at stop (a collector's id is its count). */
  private List<Collection> during(Map<String, Long> countsAtStop) {
    return collections.stream()
        .filter(c -> c.id() > countsAtStart.getOrDefault(c.collector(), 0L))
        .filter(c -> c.id() <= countsAtStop.getOrDefault(c.collector(), 0L))
        .toList();
  }

  private void collected(Notification notification, Object handback) {
    if (!notification
        .getType()
        .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long after =
        info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
            .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
            .map(Map.Entry::getValue)
            .mapToLong(MemoryUsage::getUsed)
            .sum();
    collections.add(
        new Collection(
            info.getGcName(),
            info.getGcInfo().getId(),
            after / MIB,
            info.getGcInfo().getDuration()));
  }
}
