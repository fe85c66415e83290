package be.helpline.insights.core.disclosure;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Disclosure control for counts derived from registrations (SPEC section 6).
 *
 * <ol>
 *   <li>Primary suppression: a count from 1 to k-1 (k = the policy's smallest published count) is
 *       suppressed; zero is published; under {@code round5} the rest are rounded to the nearest 5.
 *   <li>Secondary suppression: first structurally, without any LP (no sum may hold a lone
 *       suppressed member, which is the sum minus the others; the partner is the publishable member
 *       that leaves the fewest sums with a lone suppressed member, so rectangles close, then the
 *       smallest, then the first). Then, while a suppressed figure cannot be proved safe, a linear
 *       program finds the cheapest figures whose suppression lets it move (cost: count times the
 *       period's weight): counts become secondary suppressions (at least k); a zero, cheapest of
 *       all, becomes a primary one. So a primary suppression is read as 0 to k-1, never as at least
 *       1: in thin months the months holding a code, each at least 1, would otherwise add up to its
 *       published quarter and give each away. Same data, same tabulation: same pattern.
 * </ol>
 *
 * <p>Rounding and the audit: a rounded count {@code c} tells the intruder only that the true count
 * lies in {@code c-2..c+2} (and is at least k), so the audit uses that interval, never {@code c}
 * itself.
 */
public final class DisclosureControl {
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
    return protect(tabulation, counts, new Cell[counts.length]);
  }

  /**
   * Protects the true counts of a tabulation of which some figures were published before: {@code
   * released[i]}, when not null, is figure i as published then. Those are constants: protection
   * never changes them, but it may suppress new figures to keep their suppressed cells safe, since
   * the new figures are published together with them (SPEC section 6.1).
   */
  public Protection protect(Tabulation tabulation, long[] counts, Cell[] released) {
    return protect(tabulation, counts, released, List.of());
  }

  /**
   * {@link #protect(Tabulation, long[], Cell[])}, also protecting the released figures {@code
   * aimAt} (ones an earlier attempt left recoverable).
   */
  public Protection protect(
      Tabulation tabulation, long[] counts, Cell[] released, java.util.Collection<Integer> aimAt) {
    if (counts.length != tabulation.size() || released.length != counts.length) {
      throw new IllegalArgumentException("one count per figure of the tabulation");
    }
    Cell[] cells = new Cell[counts.length];
    for (int i = 0; i < counts.length; i++) {
      if (released[i] != null) {
        cells[i] = released[i];
      } else if (!tabulation.isHidden(i)) {
        cells[i] = primary(counts[i]);
      }
    }
    RelationGraph graph = new RelationGraph(tabulation);
    LinearPrograms linearPrograms = new LinearPrograms();
    RecoverabilityAudit audit = new RecoverabilityAudit(graph, policy, linearPrograms);
    ProtectionSearch search = new ProtectionSearch(graph, policy, counts, linearPrograms);
    int secondary = structural(graph, cells, counts, released);
    // A figure proved safe stays safe: suppression only grows, which only widens what an intruder
    // must consider, and the true counts stay a feasible point. Each round checks the rest.
    // A figure released before is exposed through the sums it shares with new figures (directly
    // or through one figure between); the rest stay as safe as they were (the audit, the gate,
    // checks them all the same, and a release it fails protects what it names).
    TreeSet<Integer> unproved = new TreeSet<>();
    for (int i = 0; i < cells.length; i++) {
      if (suppressed(cells, i) && (released[i] == null || sharesSumWithNew(graph, released, i))) {
        unproved.add(i);
      }
    }
    unproved.addAll(aimAt);
    double[] cost = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      // Hiding a zero loses the least: it costs what hiding a count of 1 would. A released figure
      // cannot be hidden any more.
      cost[i] =
          released[i] != null
              ? Double.POSITIVE_INFINITY
              : tabulation.isHidden(i) ? 0 : Math.max(counts[i], 1) * tabulation.weight(i);
    }
    // Cells no suppression can protect are left to the audit, which names them; protecting them
    // anyway would hide everything around them for nothing.
    unproved.removeAll(audit.pinnedUnderAnySuppression(cells, counts, released));
    while (!unproved.isEmpty()) {
      List<Integer> atRisk = audit.atRisk(cells, search, unproved);
      unproved.retainAll(atRisk);
      for (int exposed : atRisk) {
        if (audit.atRisk(cells, search, List.of(exposed)).isEmpty()) {
          unproved.remove(exposed); // a partner chosen for another figure protects this one too
          continue;
        }
        ProtectionSearch.Move move = search.find(cells, exposed, cost);
        if (move == null) {
          // No move found near it or along its line: left to the audit, which names it.
          unproved.remove(exposed);
          continue;
        }
        // The LP's point proves safe every figure it moves by one or more.
        unproved.removeAll(move.moved());
        for (int partner : move.partners()) {
          // A hidden zero is a primary suppression (0 to k-1), a hidden count a secondary one.
          cells[partner] =
              Cell.suppressed(counts[partner] > 0 ? Suppression.SECONDARY : Suppression.PRIMARY);
          if (!move.moved().contains(partner)) {
            unproved.add(partner);
          }
          secondary += counts[partner] > 0 ? 1 : 0;
        }
      }
    }
    return new Protection(Arrays.asList(cells), secondary, linearPrograms.solved());
  }

  /**
   * Whether a figure shares a sum with a new figure, directly or through one figure between: a new
   * all-through total is the sum of the years, and so is the one released a year before, so the
   * intruder subtracts the two through the years they share.
   */
  private static boolean sharesSumWithNew(RelationGraph graph, Cell[] released, int figure) {
    for (int r : graph.relationsOf(figure)) {
      for (int member : graph.relation(r).members()) {
        if (released[member] == null) {
          return true;
        }
        for (int r2 : graph.relationsOf(member)) {
          for (int next : graph.relation(r2).members()) {
            if (released[next] == null) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /**
   * The structural part of secondary suppression, without any LP: in every sum (its whole and its
   * parts) the number of suppressed figures must be 0 or at least 2, since a lone suppressed member
   * is the whole minus the others. A sum with exactly one gets a partner (see {@link #cost}), until
   * nothing changes. Sums over a hidden quantity are left to the audit. Returns the number of
   * figures suppressed.
   */
  private static int structural(RelationGraph graph, Cell[] cells, long[] counts, Cell[] released) {
    Tabulation tabulation = graph.tabulation();
    int added = 0;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Tabulation.Relation relation : tabulation.relations()) {
        if (!relation.equality() || tabulation.isHidden(relation.whole())) {
          continue;
        }
        int suppressed = 0;
        boolean overHidden = false;
        for (int member : relation.members()) {
          overHidden |= tabulation.isHidden(member);
          suppressed += suppressed(cells, member) ? 1 : 0;
        }
        if (overHidden || suppressed != 1) {
          continue;
        }
        int best = best(graph, cells, counts, released, relation, -1);
        if (best >= 0) {
          cells[best] = Cell.suppressed(Suppression.SECONDARY);
          added++;
          changed = true;
        }
      }
    }
    return added;
  }

  /** The cheapest publishable member of a relation, or {@code current} when none is cheaper. */
  private static int best(
      RelationGraph graph,
      Cell[] cells,
      long[] counts,
      Cell[] released,
      Tabulation.Relation relation,
      int current) {
    int best = current;
    for (int member : relation.members()) {
      if (released[member] == null
          && publishable(cells, counts, member)
          && cheaper(graph, cells, counts, member, best)) {
        best = member;
      }
    }
    return best;
  }

  /**
   * Whether suppressing {@code candidate} costs less than suppressing {@code best}: first the
   * number of its sums that it would leave with a lone suppressed member (each needs yet another
   * partner, so a candidate that closes a rectangle costs nothing), then its count (lose the least
   * information), then its position (same data, same pattern).
   */
  private static boolean cheaper(
      RelationGraph graph, Cell[] cells, long[] counts, int candidate, int best) {
    if (best < 0) {
      return true;
    }
    int a = cost(graph, cells, candidate);
    int b = cost(graph, cells, best);
    if (a != b) {
      return a < b;
    }
    if (counts[candidate] != counts[best]) {
      return counts[candidate] < counts[best];
    }
    return candidate < best;
  }

  /** The sums of a figure that hold no suppressed member yet. */
  private static int cost(RelationGraph graph, Cell[] cells, int figure) {
    int cost = 0;
    for (int r : graph.relationsOf(figure)) {
      Tabulation.Relation relation = graph.relation(r);
      if (!relation.equality()) {
        continue;
      }
      boolean any = false;
      for (int member : relation.members()) {
        any |= member != figure && suppressed(cells, member);
      }
      cost += any ? 0 : 1;
    }
    return cost;
  }

  private static boolean suppressed(Cell[] cells, int i) {
    return cells[i] != null && cells[i].isSuppressed();
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
    return report(tabulation, auditOf(tabulation).run(cells.toArray(Cell[]::new), hint));
  }

  /**
   * Audits a publication that republishes {@code previous} (its tabulation and cells), which passed
   * this audit under the same policy: a suppressed figure is proved safe again only where a figure
   * or relation that {@code previous} did not hold can reach it (SPEC section 6.1: released figures
   * never change, so the intruder's system grows only by the new release). Figures are matched by
   * id, relations by their figures' ids.
   */
  public AuditReport audit(
      Tabulation tabulation,
      List<Cell> cells,
      long[] hint,
      Tabulation previous,
      List<Cell> previousCells) {
    boolean[] unchanged = new boolean[tabulation.size()];
    for (int i = 0; i < unchanged.length; i++) {
      String id = tabulation.id(i);
      unchanged[i] =
          !tabulation.isHidden(i)
              && previous.has(id)
              && !previous.isHidden(previous.index(id))
              && java.util.Objects.equals(previousCells.get(previous.index(id)), cells.get(i));
    }
    java.util.Set<String> held = new java.util.HashSet<>();
    for (Tabulation.Relation relation : previous.relations()) {
      held.add(signature(previous, relation));
    }
    List<Tabulation.Relation> relations = tabulation.relations();
    boolean[] oldRelation = new boolean[relations.size()];
    for (int r = 0; r < oldRelation.length; r++) {
      oldRelation[r] = held.contains(signature(tabulation, relations.get(r)));
    }
    return report(
        tabulation,
        auditOf(tabulation).run(cells.toArray(Cell[]::new), hint, unchanged, oldRelation));
  }

  private RecoverabilityAudit auditOf(Tabulation tabulation) {
    return new RecoverabilityAudit(new RelationGraph(tabulation), policy, new LinearPrograms());
  }

  /** A relation by its figures' ids: the whole, the kind, then the parts in order. */
  private static String signature(Tabulation tabulation, Tabulation.Relation relation) {
    StringBuilder signature =
        new StringBuilder(tabulation.id(relation.whole())).append(relation.equality() ? "=" : ">=");
    for (int part : relation.parts()) {
      signature.append(tabulation.id(part)).append('+');
    }
    return signature.toString();
  }

  private static AuditReport report(Tabulation tabulation, RecoverabilityAudit.Result result) {
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

  private static boolean publishable(Cell[] cells, long[] counts, int i) {
    return cells[i] != null && !cells[i].isSuppressed() && counts[i] > 0;
  }
}
