package be.helpline.insights.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The memory one piece of work on this thread took: the bytes the thread allocated (garbage
 * included) and the most the heap pools held at once. The peaks are reset after a GC at {@link
 * #start}, so the peak is an upper bound on what the work needs (the collector ran only when it had
 * to).
 */
final class Footprint {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final List<MemoryPoolMXBean> HEAP =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .toList();

  /** What the work took, in MiB. */
  record Used(double allocatedMb, double peakHeapMb) {}

  private final long thread = Thread.currentThread().threadId();
  private final long allocated;

  private Footprint() {
    System.gc();
    HEAP.forEach(MemoryPoolMXBean::resetPeakUsage);
    allocated = THREADS.getThreadAllocatedBytes(thread);
  }

  /** Collects the garbage and resets the peaks; call on the thread that does the work. */
  static Footprint start() {
    return new Footprint();
  }

  /** Read right after the work, before anything else allocates. */
  Used stop() {
    double allocatedMb = (THREADS.getThreadAllocatedBytes(thread) - allocated) / 1048576.0;
    double peakHeapMb =
        HEAP.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / 1048576.0;
    return new Used(allocatedMb, peakHeapMb);
  }
}
