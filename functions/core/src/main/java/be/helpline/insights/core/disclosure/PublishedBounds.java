package be.helpline.insights.core.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What a publication says of every quantity: an interval per figure from its cell (see {@link
 * #interval}), narrowed by interval propagation over the relations, with integrality, until nothing
 * changes. Propagation pins what simple differencing pins; a suppressed figure whose interval is a
 * single value is given away. Computed once per publication and never changed after.
 */
final class PublishedBounds {
  /** Below this, a difference between two values is rounding noise of the arithmetic. */
  static final double EPS = 1e-6;

  private final double[] lo;
  private final double[] hi;
  private final List<Integer> breakingPolicy;
  private final boolean consistent;

  private PublishedBounds(
      double[] lo, double[] hi, List<Integer> breakingPolicy, boolean consistent) {
    this.lo = lo;
    this.hi = hi;
    this.breakingPolicy = breakingPolicy;
    this.consistent = consistent;
  }

  /** The bounds of a publication ({@code cells[i]} null for hidden quantities). */
  static PublishedBounds of(RelationGraph graph, DisclosurePolicy policy, Cell[] cells) {
    List<Integer> breaking = new ArrayList<>();
    double[] lo = new double[cells.length];
    double[] hi = new double[cells.length];
    int k = policy.smallestPublished();
    for (int i = 0; i < cells.length; i++) {
      Cell cell = cells[i];
      if (cell != null && !cell.isSuppressed()) {
        long count = cell.count();
        if (count < 0 || (count > 0 && count < k) || count % policy.roundTo() != 0) {
          breaking.add(i);
        }
      }
      double[] bounds = interval(policy, cell);
      lo[i] = bounds[0];
      hi[i] = bounds[1];
    }
    boolean consistent = propagate(graph, lo, hi);
    return new PublishedBounds(lo, hi, List.copyOf(breaking), consistent);
  }

  /**
   * What a cell alone says of its figure, {@code {lo, hi}}: a hidden quantity (null) is at least 0;
   * a primary suppression hides 0 to k-1 (a small count, or a zero hidden to protect one); a
   * secondary one at least k; a rounded count c stands for c-half..c+half and, when not zero, at
   * least k.
   */
  static double[] interval(DisclosurePolicy policy, Cell cell) {
    int k = policy.smallestPublished();
    if (cell == null) {
      return new double[] {0, Double.POSITIVE_INFINITY};
    }
    if (cell.suppressed() == Suppression.PRIMARY) {
      return new double[] {0, k - 1};
    }
    if (cell.suppressed() == Suppression.SECONDARY) {
      return new double[] {k, Double.POSITIVE_INFINITY};
    }
    long count = cell.count();
    if (count == 0) {
      return new double[] {0, 0};
    }
    int half = (policy.roundTo() - 1) / 2;
    return new double[] {
      Math.max(count > half ? count - half : 0, Math.min(k, count)), count + half
    };
  }

  /** The lower bounds, one per figure; the LPs read them in place, so never change them. */
  double[] lo() {
    return lo;
  }

  /** The upper bounds (infinite where nothing bounds a figure); never change them. */
  double[] hi() {
    return hi;
  }

  /** The published figures no cell under the policy could hold (a count of 1 to k-1, say). */
  List<Integer> breakingPolicy() {
    return breakingPolicy;
  }

  /** False when the published figures contradict each other (the bounds then mean nothing). */
  boolean consistent() {
    return consistent;
  }

  /** Whether propagation leaves figure {@code i} a single value. */
  boolean pinned(int i) {
    return lo[i] == hi[i];
  }

  /**
   * Tightens every quantity's interval from the relations until nothing changes; false when the
   * published figures contradict each other.
   */
  private static boolean propagate(RelationGraph graph, double[] lo, double[] hi) {
    List<Tabulation.Relation> relations = graph.relations();
    boolean[] queued = new boolean[relations.size()];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int r = 0; r < relations.size(); r++) {
      queue.add(r);
      queued[r] = true;
    }
    List<Integer> changed = new ArrayList<>();
    while (!queue.isEmpty()) {
      int r = queue.poll();
      queued[r] = false;
      changed.clear();
      if (!tighten(relations.get(r), lo, hi, changed)) {
        return false;
      }
      for (int index : changed) {
        for (int other : graph.relationsOf(index)) {
          if (!queued[other]) {
            queued[other] = true;
            queue.add(other);
          }
        }
      }
    }
    return true;
  }

  /** One relation, {@code whole = sum(parts)} or {@code part <= whole}. */
  private static boolean tighten(
      Tabulation.Relation relation, double[] lo, double[] hi, List<Integer> changed) {
    int whole = relation.whole();
    int[] parts = relation.parts();
    if (!relation.equality()) {
      int part = parts[0];
      return set(part, lo[part], Math.min(hi[part], hi[whole]), lo, hi, changed)
          && set(whole, Math.max(lo[whole], lo[part]), hi[whole], lo, hi, changed);
    }
    double partsLo = 0;
    double partsHiFinite = 0;
    int partsHiInfinite = 0;
    for (int part : parts) {
      partsLo += lo[part];
      if (Double.isInfinite(hi[part])) {
        partsHiInfinite++;
      } else {
        partsHiFinite += hi[part];
      }
    }
    double partsHi = partsHiInfinite > 0 ? Double.POSITIVE_INFINITY : partsHiFinite;
    if (!set(whole, Math.max(lo[whole], partsLo), Math.min(hi[whole], partsHi), lo, hi, changed)) {
      return false;
    }
    for (int part : parts) {
      double othersLo = partsLo - lo[part];
      double othersHi;
      if (Double.isInfinite(hi[part])) {
        othersHi = partsHiInfinite > 1 ? Double.POSITIVE_INFINITY : partsHiFinite;
      } else {
        othersHi = partsHiInfinite > 0 ? Double.POSITIVE_INFINITY : partsHiFinite - hi[part];
      }
      double newLo = Math.max(lo[part], lo[whole] - othersHi);
      double newHi = Math.min(hi[part], hi[whole] - othersLo);
      if (!set(part, newLo, newHi, lo, hi, changed)) {
        return false;
      }
    }
    return true;
  }

  /** Narrows figure i to whole numbers within {@code newLo..newHi}; false when none is left. */
  private static boolean set(
      int i, double newLo, double newHi, double[] lo, double[] hi, List<Integer> changed) {
    double roundedLo = Math.ceil(newLo - EPS);
    double roundedHi = Double.isInfinite(newHi) ? newHi : Math.floor(newHi + EPS);
    if (roundedLo > roundedHi) {
      return false;
    }
    if (roundedLo > lo[i] || roundedHi < hi[i]) {
      lo[i] = Math.max(lo[i], roundedLo);
      hi[i] = Math.min(hi[i], roundedHi);
      changed.add(i);
    }
    return true;
  }
}
