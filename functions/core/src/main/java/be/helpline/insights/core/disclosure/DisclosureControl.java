package be.helpline.insights.core.disclosure;

import be.helpline.insights.core.aggregation.DisclosurePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Disclosure control for counts derived from registrations (SPEC section 6).
 *
 * <ol>
 *   <li>Primary suppression: a count from 1 to k-1 (k = the policy's smallest published count) is
 *       suppressed; zero is published; under {@code round5} the rest are rounded to the nearest 5.
 *   <li>Secondary suppression: while the audit finds a suppressed figure recoverable, the first
 *       such figure gets a partner in each sum that exposes it (a sum in which it is the only
 *       suppressed figure): the smallest published non-zero part (ties: the first in the
 *       tabulation). A month cell thus gets a partner in its month's table and one in its quarter's
 *       column, and the partners in turn theirs, which builds the rectangles that differencing
 *       cannot open. Same data, same tabulation: same pattern.
 * </ol>
 *
 * <p>Rounding and the audit: a rounded count {@code c} tells the intruder only that the true count
 * lies in {@code c-2..c+2} (and is at least k), so the audit uses that interval, never {@code c}
 * itself.
 */
public final class DisclosureControl {
  private static final int MAX_RING = 4;

  private final DisclosurePolicy policy;

  public DisclosureControl(DisclosurePolicy policy) {
    this.policy = policy;
  }

  /** The protected figures and what the audit saw. */
  public record Protection(List<Cell> cells, int secondarySuppressions, int linearPrograms) {}

  /** What an audit found: the ids of recoverable suppressed figures and of ill-published ones. */
  public record AuditReport(
      List<String> recoverable, List<String> breakingPolicy, boolean consistent) {
    public boolean passed() {
      return recoverable.isEmpty() && breakingPolicy.isEmpty() && consistent;
    }
  }

  /**
   * Protects the true counts of a tabulation. {@code counts[i]} is the true count of figure i
   * (ignored for hidden quantities); the result holds one cell per index, null for hidden ones.
   */
  public Protection protect(Tabulation tabulation, long[] counts) {
    if (counts.length != tabulation.size()) {
      throw new IllegalArgumentException("one count per figure of the tabulation");
    }
    Cell[] cells = new Cell[counts.length];
    for (int i = 0; i < counts.length; i++) {
      if (!tabulation.isHidden(i)) {
        cells[i] = primary(counts[i]);
      }
    }
    RecoverabilityAudit audit = new RecoverabilityAudit(tabulation, policy);
    int secondary = structural(tabulation, cells, counts);
    java.util.Set<Integer> safe = new java.util.HashSet<>();
    while (true) {
      RecoverabilityAudit.Result result = audit.run(cells, safe, counts, false);
      if (!result.consistent()) {
        throw new IllegalStateException("the true counts contradict the tabulation's relations");
      }
      if (result.recoverable().isEmpty()) {
        break;
      }
      // Suppression only grows, so what is safe now stays safe: later rounds audit only the rest.
      for (int i = 0; i < cells.length; i++) {
        if (cells[i] != null && cells[i].isSuppressed() && !result.recoverable().contains(i)) {
          safe.add(i);
        }
      }
      // Every recoverable figure that some sum exposes alone gets its partners at once; only
      // when none is exposed alone (bounds pin them) does the first get one more by the fallback.
      TreeSet<Integer> partners = new TreeSet<>();
      for (int exposed : result.recoverable()) {
        partners.addAll(partners(audit, cells, counts, exposed, false));
      }
      int first = result.recoverable().getFirst();
      if (partners.isEmpty()) {
        // Bounds pin them (a quarter's 3 over three suppressed months, each at least 1): the
        // smallest published non-zero figure of any sum holding a recoverable figure.
        int best = -1;
        for (int exposed : result.recoverable()) {
          for (int partner : partners(audit, cells, counts, exposed, true)) {
            if (smaller(counts, partner, best)) {
              best = partner;
            }
          }
        }
        if (best >= 0) {
          partners.add(best);
        }
      }
      if (partners.isEmpty()) {
        partners.addAll(
            candidates(audit, tabulation, cells, counts, first).stream().limit(1).toList());
      }
      if (partners.isEmpty()) {
        throw new IllegalStateException("no figure left to protect " + tabulation.id(first));
      }
      for (int partner : partners) {
        cells[partner] = Cell.suppressed(Suppression.SECONDARY);
        secondary++;
      }
    }
    return new Protection(Arrays.asList(cells), secondary, audit.linearPrograms());
  }

  /**
   * The structural part of secondary suppression, without any LP: in every sum (its whole and its
   * parts) the number of suppressed figures must be 0 or at least 2, since a lone suppressed member
   * is the whole minus the others. A sum with exactly one gets its smallest published non-zero
   * member (ties: the first in the tabulation), until nothing changes. Sums over a hidden quantity
   * are left to the audit. Returns the number of figures suppressed.
   */
  private static int structural(Tabulation tabulation, Cell[] cells, long[] counts) {
    int added = 0;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Tabulation.Relation relation : tabulation.relations()) {
        if (!relation.equality() || tabulation.isHidden(relation.whole())) {
          continue;
        }
        int suppressed = cells[relation.whole()].isSuppressed() ? 1 : 0;
        int best = publishable(cells, counts, relation.whole()) ? relation.whole() : -1;
        boolean overHidden = false;
        for (int part : relation.parts()) {
          if (tabulation.isHidden(part)) {
            overHidden = true;
          } else if (cells[part].isSuppressed()) {
            suppressed++;
          } else if (publishable(cells, counts, part) && smaller(counts, part, best)) {
            best = part;
          }
        }
        if (!overHidden && suppressed == 1 && best >= 0) {
          cells[best] = Cell.suppressed(Suppression.SECONDARY);
          added++;
          changed = true;
        }
      }
    }
    return added;
  }

  /** Audits published cells against the tabulation (null cells for hidden quantities). */
  public AuditReport audit(Tabulation tabulation, List<Cell> cells) {
    return audit(tabulation, cells, null);
  }

  /**
   * Audits with a hint: counts believed to satisfy the published figures (the true counts, when the
   * auditor has them). The audit checks the hint against what is published and ignores it when it
   * does not fit; when it fits, it proves most figures safe with small local LPs. The hint is never
   * published.
   */
  public AuditReport audit(Tabulation tabulation, List<Cell> cells, long[] hint) {
    RecoverabilityAudit.Result result =
        new RecoverabilityAudit(tabulation, policy)
            .run(cells.toArray(Cell[]::new), java.util.Set.of(), hint);
    return new AuditReport(
        result.recoverable().stream().map(tabulation::id).toList(),
        result.breakingPolicy().stream().map(tabulation::id).toList(),
        result.consistent());
  }

  private Cell primary(long count) {
    if (count > 0 && count < policy.smallestPublished()) {
      return Cell.suppressed(Suppression.PRIMARY);
    }
    return Cell.published(rounded(count));
  }

  private long rounded(long count) {
    long step = policy.roundTo();
    return Math.round((double) count / step) * step;
  }

  /**
   * The exposing relations of a recoverable figure and a partner in each: every sum in which it is
   * the only suppressed figure gets its smallest published non-zero part (the whole only when no
   * part qualifies). When no sum has it alone (bounds pin it, as in 6 = 1 + at least 5), the sum
   * with the fewest suppressed figures gets one more.
   */
  private static List<Integer> partners(
      RecoverabilityAudit audit, Cell[] cells, long[] counts, int exposed, boolean fallBack) {
    TreeSet<Integer> partners = new TreeSet<>();
    int fewest = Integer.MAX_VALUE;
    int fallback = -1;
    for (int r : audit.relationsOf(exposed)) {
      Tabulation.Relation relation = audit.relation(r);
      if (!relation.equality()) {
        continue;
      }
      int suppressed = 0;
      int best = -1;
      for (int part : relation.parts()) {
        if (cells[part] != null && cells[part].isSuppressed()) {
          suppressed++;
        } else if (publishable(cells, counts, part) && smaller(counts, part, best)) {
          best = part;
        }
      }
      int whole = relation.whole();
      if (cells[whole] != null && cells[whole].isSuppressed()) {
        suppressed++;
      } else if (best < 0 && publishable(cells, counts, whole)) {
        best = whole;
      }
      if (best < 0) {
        continue;
      }
      if (suppressed == 1) {
        partners.add(best);
      } else if (suppressed < fewest || (suppressed == fewest && smaller(counts, best, fallback))) {
        fewest = suppressed;
        fallback = best;
      }
    }
    if (fallBack && partners.isEmpty() && fallback >= 0) {
      partners.add(fallback);
    }
    return List.copyOf(partners);
  }

  private static boolean publishable(Cell[] cells, long[] counts, int i) {
    return cells[i] != null && !cells[i].isSuppressed() && counts[i] > 0;
  }

  private static boolean smaller(long[] counts, int candidate, int best) {
    return best < 0
        || counts[candidate] < counts[best]
        || (counts[candidate] == counts[best] && candidate < best);
  }

  /**
   * Published non-zero figures near the exposed one: first those that share a relation with it
   * (directly or through a hidden quantity), then those one relation further, and so on; within a
   * ring, smallest first, ties by position in the tabulation.
   */
  private static List<Integer> candidates(
      RecoverabilityAudit audit, Tabulation tabulation, Cell[] cells, long[] counts, int exposed) {
    List<Integer> candidates = new ArrayList<>();
    TreeSet<Integer> seen = new TreeSet<>(List.of(exposed));
    TreeSet<Integer> ring = new TreeSet<>(List.of(exposed));
    for (int depth = 0; depth < MAX_RING && !ring.isEmpty(); depth++) {
      TreeSet<Integer> next = new TreeSet<>();
      for (int index : ring) {
        collect(audit, tabulation, index, next, true);
      }
      next.removeAll(seen);
      seen.addAll(next);
      List<Integer> publishable = new ArrayList<>();
      for (int i : next) {
        if (cells[i] != null && !cells[i].isSuppressed() && counts[i] > 0) {
          publishable.add(i);
        }
      }
      publishable.sort(Comparator.<Integer>comparingLong(i -> counts[i]).thenComparingInt(i -> i));
      candidates.addAll(publishable);
      ring = next;
    }
    return candidates;
  }

  private static void collect(
      RecoverabilityAudit audit,
      Tabulation tabulation,
      int index,
      TreeSet<Integer> near,
      boolean followHidden) {
    for (int r : audit.relationsOf(index)) {
      Tabulation.Relation relation = audit.relation(r);
      List<Integer> members = new ArrayList<>();
      members.add(relation.whole());
      for (int part : relation.parts()) {
        members.add(part);
      }
      for (int member : members) {
        if (near.add(member) && followHidden && tabulation.isHidden(member)) {
          collect(audit, tabulation, member, near, false);
        }
      }
    }
  }
}
