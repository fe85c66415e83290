package be.helpline.insights.core.disclosure;

import static be.helpline.insights.core.disclosure.PublishedBounds.EPS;

import be.helpline.insights.core.disclosure.LinearPrograms.Bound;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Asks, for every suppressed figure, the smallest and largest value consistent with everything
 * published: published counts (exact, or the interval a rounded count stands for), primary
 * suppressions in {@code [0, k-1]} (a zero is hidden where publishing it would narrow a small
 * count), secondary ones at least {@code k}, every quantity at least 0, and the relations of the
 * tabulation. A figure is recoverable when {@code ceil(min) == floor(max)}.
 *
 * <p>Three steps, cheapest first:
 *
 * <ol>
 *   <li>Interval propagation over the relations (with integrality) pins what simple differencing
 *       pins: a figure pinned there is recoverable.
 *   <li>With a feasible point (the true counts, checked against what is published): a small LP over
 *       the free quantities near the figure, every other quantity held at its value in the point.
 *       Any solution is a feasible point of the whole system, so one that moves the figure by one
 *       or more proves it safe. Most figures are proved safe here, in milliseconds.
 *   <li>Otherwise the exact bounds: the figure is minimised and maximised over its whole component
 *       (the free quantities linked to it by relations).
 * </ol>
 *
 * <p>The parts live beside it: {@link RelationGraph} (which relations link which figures), {@link
 * PublishedBounds} (the intervals and their propagation), {@link LinearPrograms} (the rows and the
 * solver, counted) and {@link ProtectionSearch} (moves through figures held fixed). An audit keeps
 * no state between calls but the LP count of the run that made it.
 */
final class RecoverabilityAudit {
  /**
   * The neighbourhoods tried for a local proof: relations away from the figure, and most members.
   */
  private static final int[][] NEIGHBOURHOODS = {{2, 40}, {3, 120}, {5, 300}};

  private final RelationGraph graph;
  private final DisclosurePolicy policy;
  private final LinearPrograms linearPrograms;

  /** An audit whose LPs are counted in {@code linearPrograms}. */
  RecoverabilityAudit(RelationGraph graph, DisclosurePolicy policy, LinearPrograms linearPrograms) {
    this.graph = graph;
    this.policy = policy;
    this.linearPrograms = linearPrograms;
  }

  /** What the audit found. */
  record Result(List<Integer> recoverable, List<Integer> breakingPolicy, boolean consistent) {}

  /**
   * The exact audit of a published state ({@code cells[i]} null for hidden quantities). {@code
   * hint}, when not null, is a point believed feasible (the true counts); it is used only when it
   * satisfies everything published.
   */
  Result run(Cell[] cells, long[] hint) {
    return run(cells, hint, new boolean[cells.length], new boolean[graph.relations().size()]);
  }

  /**
   * {@link #run(Cell[], long[])} for a publication that republishes one which passed this audit:
   * {@code unchanged[i]} says figure i was published there as it is here, {@code oldRelation[r]}
   * that relation r held there too. A suppressed figure is proved safe again only where what is new
   * can reach it: its component (the figures whose published value is an interval, linked by the
   * relations they share) holds a new figure or touches a new relation, or a relation with a new
   * figure. Elsewhere the intruder's system is the one already audited, so its bounds are too; the
   * cost of a release then follows what it adds, not the history it republishes. Propagation still
   * runs over everything and names any figure it pins.
   */
  Result run(Cell[] cells, long[] hint, boolean[] unchanged, boolean[] oldRelation) {
    boolean[] reopened = reopened(cells, unchanged, oldRelation);
    PublishedBounds bounds = PublishedBounds.of(graph, policy, cells);
    if (!bounds.consistent()) {
      return new Result(List.of(), bounds.breakingPolicy(), false);
    }
    double[] lo = bounds.lo();
    double[] hi = bounds.hi();
    ProtectionSearch search =
        hint != null && graph.satisfies(hint, lo, hi)
            ? new ProtectionSearch(graph, policy, hint, linearPrograms)
            : null;
    List<Integer> open = new ArrayList<>();
    List<Integer> recoverable = new ArrayList<>();
    Set<Integer> proved = new HashSet<>();
    for (int i = 0; i < cells.length; i++) {
      if (!suppressed(cells, i)) {
        continue;
      }
      if (lo[i] == hi[i]) {
        recoverable.add(i);
      } else if (!reopened[i]) {
        continue;
      } else if (search == null || !proveSafe(cells, i, bounds, search, proved)) {
        open.add(i);
      }
    }
    if (!open.isEmpty()) {
      List<Integer> exact = exactBounds(open, bounds, search == null ? null : search.truth());
      if (exact == null) {
        return new Result(List.of(), bounds.breakingPolicy(), false);
      }
      recoverable.addAll(exact);
    }
    recoverable.sort(null);
    return new Result(List.copyOf(recoverable), bounds.breakingPolicy(), true);
  }

  /** The figures {@link #run(Cell[], long[], boolean[], boolean[])} must prove safe again. */
  private boolean[] reopened(Cell[] cells, boolean[] unchanged, boolean[] oldRelation) {
    boolean[] interval = new boolean[cells.length];
    for (int i = 0; i < cells.length; i++) {
      double[] bounds = PublishedBounds.interval(policy, cells[i]);
      interval[i] = bounds[0] != bounds[1];
    }
    RelationGraph.Components components = graph.components(i -> interval[i]);
    boolean[] touchedRoot = new boolean[cells.length];
    for (int r = 0; r < graph.relations().size(); r++) {
      int[] members = graph.relation(r).members();
      boolean touched = !oldRelation[r];
      for (int member : members) {
        touched |= !unchanged[member];
      }
      if (touched) {
        for (int member : members) {
          if (interval[member]) {
            touchedRoot[components.root(member)] = true;
          }
        }
      }
    }
    boolean[] reopened = new boolean[cells.length];
    for (int i = 0; i < cells.length; i++) {
      if (interval[i] && !unchanged[i]) {
        touchedRoot[components.root(i)] = true;
      }
    }
    for (int i = 0; i < cells.length; i++) {
      reopened[i] = touchedRoot[components.root(i)];
    }
    return reopened;
  }

  /**
   * The presumptive audit used while protecting: of {@code targets}, those not proved safe by
   * propagation and a local LP around the search's true counts. It never runs the exact bounds, so
   * it may name a figure that is in fact safe (protection then suppresses a little more than
   * needed), but every figure it does not name has a proof of safety.
   */
  List<Integer> atRisk(Cell[] cells, ProtectionSearch search, Collection<Integer> targets) {
    PublishedBounds bounds = PublishedBounds.of(graph, policy, cells);
    if (!bounds.consistent() || !graph.satisfies(search.truth(), bounds.lo(), bounds.hi())) {
      throw new IllegalStateException("the true counts contradict the tabulation's relations");
    }
    List<Integer> atRisk = new ArrayList<>();
    Set<Integer> proved = new HashSet<>();
    for (int target : targets) {
      if (bounds.pinned(target) || !proveSafe(cells, target, bounds, search, proved)) {
        atRisk.add(target);
      }
    }
    return atRisk;
  }

  /**
   * Whether a feasible point moves the target by one or more: one found earlier for another figure,
   * a local LP over the free figures near it, or a move around it through published figures held
   * fixed. Every figure a found point moves joins {@code proved}.
   */
  private boolean proveSafe(
      Cell[] cells,
      int target,
      PublishedBounds bounds,
      ProtectionSearch search,
      Set<Integer> proved) {
    if (proved.contains(target) || movesLocally(cells, target, bounds, search.truth(), proved)) {
      return true;
    }
    ProtectionSearch.Move move = search.find(cells, target, null);
    if (move == null) {
      return false;
    }
    proved.addAll(move.moved());
    return true;
  }

  /**
   * The suppressed figures that every publication under the policy gives away: pinned by
   * propagation even when every other figure not released before is suppressed too (zeros as
   * primary suppressions). Protecting them would hide everything around them for nothing.
   */
  List<Integer> pinnedUnderAnySuppression(Cell[] cells, long[] truth, Cell[] released) {
    Cell[] widest = cells.clone();
    for (int i = 0; i < widest.length; i++) {
      if (widest[i] != null && !widest[i].isSuppressed() && released[i] == null) {
        widest[i] = Cell.suppressed(truth[i] > 0 ? Suppression.SECONDARY : Suppression.PRIMARY);
      }
    }
    return pinned(widest).stream().filter(i -> suppressed(cells, i)).toList();
  }

  /** The suppressed figures that propagation alone pins (differencing gives them away). */
  List<Integer> pinned(Cell[] cells) {
    PublishedBounds bounds = PublishedBounds.of(graph, policy, cells);
    List<Integer> pinned = new ArrayList<>();
    for (int i = 0; i < cells.length; i++) {
      if (suppressed(cells, i) && bounds.pinned(i)) {
        pinned.add(i);
      }
    }
    return pinned;
  }

  private static boolean suppressed(Cell[] cells, int i) {
    return cells[i] != null && cells[i].isSuppressed();
  }

  /**
   * Whether the target can move by one or more while only free quantities near it change (the rest
   * keep their value in {@code point}), in ever larger neighbourhoods.
   */
  private boolean movesLocally(
      Cell[] cells, int target, PublishedBounds bounds, long[] point, Set<Integer> proved) {
    int previous = 0;
    for (int[] neighbourhood : NEIGHBOURHOODS) {
      List<Integer> near =
          graph.near(target, i -> !bounds.pinned(i), neighbourhood[0], neighbourhood[1]);
      if (near.size() == previous) {
        return false;
      }
      previous = near.size();
      if (moves(cells, target, near, bounds, point, proved)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the target moves by one or more over the free quantities {@code near}. Every suppressed
   * figure that a point found on the way moves by one or more joins {@code proved}: that point is
   * feasible for the whole system.
   */
  private boolean moves(
      Cell[] cells,
      int target,
      List<Integer> near,
      PublishedBounds bounds,
      long[] point,
      Set<Integer> proved) {
    double[] lo = bounds.lo();
    double[] hi = bounds.hi();
    Map<Integer, Integer> column = new HashMap<>();
    for (int index : near) {
      column.put(index, column.size());
    }
    Simplex.Rows constraints = LinearPrograms.constraints(graph, near, column, lo, hi, point);
    double value = point[target] - lo[target];
    double[] objective = LinearPrograms.unit(near.size(), column.get(target));
    double[] seenMin = new double[near.size()];
    double[] seenMax = new double[near.size()];
    Arrays.fill(seenMin, Double.POSITIVE_INFINITY);
    Arrays.fill(seenMax, Double.NEGATIVE_INFINITY);
    int c = column.get(target);
    boolean moves;
    if (value >= 1 - EPS
        && linearPrograms.optimise(objective, false, constraints, seenMin, seenMax) == Bound.FOUND
        && seenMin[c] <= value - 1 + EPS) {
      moves = true;
    } else if (value + 1 > hi[target] - lo[target] + EPS) {
      moves = false;
    } else {
      Bound max = linearPrograms.optimise(objective, true, constraints, seenMin, seenMax);
      moves = max == Bound.UNBOUNDED || (max == Bound.FOUND && seenMax[c] >= value + 1 - EPS);
    }
    for (int other = 0; other < near.size(); other++) {
      int figure = near.get(other);
      double at = point[figure] - lo[figure];
      if (suppressed(cells, figure)
          && (seenMin[other] <= at - 1 + EPS || seenMax[other] >= at + 1 - EPS)) {
        proved.add(figure);
      }
    }
    return moves;
  }

  /**
   * The exact bounds of the open figures: each component holding one is one LP system, every figure
   * minimised and maximised over it (points found on the way certify others). Returns the
   * recoverable figures, or null when a component has no feasible point.
   */
  private List<Integer> exactBounds(List<Integer> open, PublishedBounds bounds, long[] point) {
    double[] lo = bounds.lo();
    double[] hi = bounds.hi();
    Map<Integer, List<Integer>> byComponent = new TreeMap<>();
    RelationGraph.Components components = graph.components(i -> !bounds.pinned(i));
    for (int target : open) {
      byComponent.computeIfAbsent(components.root(target), x -> new ArrayList<>()).add(target);
    }
    List<Integer> recoverable = new ArrayList<>();
    for (List<Integer> targets : byComponent.values()) {
      int root = components.root(targets.getFirst());
      List<Integer> component = new ArrayList<>();
      for (int i = 0; i < lo.length; i++) {
        if (!bounds.pinned(i) && components.root(i) == root) {
          component.add(i);
        }
      }
      Map<Integer, Integer> column = new HashMap<>();
      for (int index : component) {
        column.put(index, column.size());
      }
      int n = component.size();
      Simplex.Rows constraints = LinearPrograms.constraints(graph, component, column, lo, hi, null);
      double[] seenMin = new double[n];
      double[] seenMax = new double[n];
      Arrays.fill(seenMin, Double.POSITIVE_INFINITY);
      Arrays.fill(seenMax, Double.NEGATIVE_INFINITY);
      if (point != null) {
        for (int c = 0; c < n; c++) {
          seenMin[c] = point[component.get(c)] - lo[component.get(c)];
          seenMax[c] = seenMin[c];
        }
      }
      // First all of them at once, down and then up: a vertex moves many figures together, and
      // each one it moves by one or more needs no LP of its own.
      if (targets.size() > 1) {
        double[] all = new double[n];
        for (int target : targets) {
          all[column.get(target)] = 1;
        }
        if (linearPrograms.optimise(all, false, constraints, seenMin, seenMax)
            == Bound.INFEASIBLE) {
          return null;
        }
        linearPrograms.optimise(all, true, constraints, seenMin, seenMax);
      }
      for (int target : targets) {
        int c = column.get(target);
        if (LinearPrograms.certified(seenMin[c], seenMax[c])) {
          continue;
        }
        double[] objective = LinearPrograms.unit(n, c);
        Bound min = linearPrograms.optimise(objective, false, constraints, seenMin, seenMax);
        if (min == Bound.INFEASIBLE) {
          return null;
        }
        if (LinearPrograms.certified(seenMin[c], seenMax[c])) {
          continue;
        }
        Bound max = linearPrograms.optimise(objective, true, constraints, seenMin, seenMax);
        if (max != Bound.UNBOUNDED && !LinearPrograms.certified(seenMin[c], seenMax[c])) {
          recoverable.add(target);
        }
      }
    }
    return recoverable;
  }
}
