package be.helpline.insights.core.disclosure;

import be.helpline.insights.core.aggregation.DisclosurePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NoFeasibleSolutionException;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.linear.UnboundedSolutionException;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Asks, for every suppressed figure, the smallest and largest value consistent with everything
 * published: published counts (exact, or the interval a rounded count stands for), primary
 * suppressions in {@code [1, k-1]}, secondary ones at least {@code k}, every quantity at least 0,
 * and the relations of the tabulation. A figure is recoverable when {@code ceil(min) ==
 * floor(max)}.
 *
 * <p>First interval propagation over the relations (with integrality: every quantity is a count)
 * pins what simple differencing pins; then the quantities still free split into independent
 * components, and only components holding a suppressed figure go to the simplex solver. Feasible
 * points found on the way certify figures that take two different integers, so most figures need no
 * LP of their own. Results are cached per component, so that secondary suppression, which changes
 * one component at a time, audits only what it changed.
 */
final class RecoverabilityAudit {
  private static final double EPS = 1e-6;
  private static final int MAX_PROPAGATION_ROUNDS = 200;
  private static final int LOCAL_DEPTH = 2;
  private static final int LOCAL_LIMIT = 80;

  private final Tabulation tabulation;
  private final DisclosurePolicy policy;
  private final List<Tabulation.Relation> relations;
  private final int[][] relationsOf;
  private final Map<String, List<Integer>> cache = new HashMap<>();
  private int linearPrograms;

  RecoverabilityAudit(Tabulation tabulation, DisclosurePolicy policy) {
    this.tabulation = tabulation;
    this.policy = policy;
    this.relations = tabulation.relations();
    List<List<Integer>> of = new ArrayList<>();
    for (int i = 0; i < tabulation.size(); i++) {
      of.add(new ArrayList<>());
    }
    for (int r = 0; r < relations.size(); r++) {
      of.get(relations.get(r).whole()).add(r);
      for (int part : relations.get(r).parts()) {
        of.get(part).add(r);
      }
    }
    relationsOf = new int[of.size()][];
    for (int i = 0; i < of.size(); i++) {
      relationsOf[i] = of.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** What the audit found. */
  record Result(List<Integer> recoverable, List<Integer> breakingPolicy, boolean consistent) {
    boolean passed() {
      return recoverable.isEmpty() && breakingPolicy.isEmpty() && consistent;
    }
  }

  int linearPrograms() {
    return linearPrograms;
  }

  int[] relationsOf(int index) {
    return relationsOf[index];
  }

  Tabulation.Relation relation(int r) {
    return relations.get(r);
  }

  /** Audits the published state; {@code cells[i]} is null for hidden quantities. */
  Result run(Cell[] cells) {
    return run(cells, java.util.Set.of(), null);
  }

  /**
   * Audits, taking the figures in {@code safe} as known not recoverable: true when they were found
   * so under a state that published at least everything this one publishes (more suppression only
   * widens what an intruder must consider).
   */
  Result run(Cell[] cells, java.util.Set<Integer> safe, long[] truth) {
    return run(cells, safe, truth, false);
  }

  /**
   * With {@code presume} (and a feasible point), a figure that cannot move locally counts as
   * recoverable without the component's LP: secondary suppression may then protect a little more
   * than needed, but every figure it leaves suppressed has a proof of safety, and it runs in
   * seconds.
   */
  Result run(Cell[] cells, java.util.Set<Integer> safe, long[] truth, boolean presume) {
    List<Integer> breaking = new ArrayList<>();
    double[] lo = new double[cells.length];
    double[] hi = new double[cells.length];
    int k = policy.smallestPublished();
    int half = (policy.roundTo() - 1) / 2;
    for (int i = 0; i < cells.length; i++) {
      Cell cell = cells[i];
      if (cell == null) {
        lo[i] = 0;
        hi[i] = Double.POSITIVE_INFINITY;
      } else if (cell.suppressed() == Suppression.PRIMARY) {
        lo[i] = 1;
        hi[i] = k - 1;
      } else if (cell.suppressed() == Suppression.SECONDARY) {
        lo[i] = k;
        hi[i] = Double.POSITIVE_INFINITY;
      } else {
        long count = cell.count();
        if (count < 0 || (count > 0 && count < k) || count % policy.roundTo() != 0) {
          breaking.add(i);
        }
        // A rounded count c stands for c-half..c+half, and a published count is at least k.
        lo[i] = count == 0 ? 0 : Math.max(count > half ? count - half : 0, Math.min(k, count));
        hi[i] = count == 0 ? 0 : count + half;
      }
    }
    if (truth != null && !satisfies(truth, lo, hi)) {
      truth = null;
    }
    if (!propagate(lo, hi)) {
      return new Result(List.of(), breaking, false);
    }
    List<Integer> recoverable = new ArrayList<>();
    for (int i = 0; i < cells.length; i++) {
      if (suppressed(cells, i) && lo[i] == hi[i]) {
        recoverable.add(i);
      }
    }
    for (int[] component : components(lo, hi)) {
      if (Arrays.stream(component).noneMatch(i -> suppressed(cells, i) && !safe.contains(i))) {
        continue;
      }
      String key = key(component, cells, lo, hi);
      List<Integer> found = cache.get(key);
      if (found == null) {
        found = solve(component, cells, lo, hi, safe, truth, presume);
        if (found == null) {
          return new Result(List.of(), breaking, false);
        }
        cache.put(key, found);
      }
      recoverable.addAll(found);
    }
    recoverable.sort(null);
    return new Result(List.copyOf(recoverable), List.copyOf(breaking), true);
  }

  private static boolean suppressed(Cell[] cells, int i) {
    return cells[i] != null && cells[i].isSuppressed();
  }

  /**
   * Tightens every quantity's interval from the relations until nothing changes; false when the
   * published figures contradict each other.
   */
  private boolean propagate(double[] lo, double[] hi) {
    boolean[] queued = new boolean[relations.size()];
    java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
    for (int r = 0; r < relations.size(); r++) {
      queue.add(r);
      queued[r] = true;
    }
    long budget = (long) MAX_PROPAGATION_ROUNDS * relations.size();
    while (!queue.isEmpty() && budget-- > 0) {
      int r = queue.poll();
      queued[r] = false;
      Tabulation.Relation relation = relations.get(r);
      List<Integer> changed = new ArrayList<>();
      if (!tighten(relation, lo, hi, changed)) {
        return false;
      }
      for (int index : changed) {
        for (int other : relationsOf[index]) {
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

  /** Groups the quantities that are not pinned into components linked by relations. */
  private List<int[]> components(double[] lo, double[] hi) {
    int n = lo.length;
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (Tabulation.Relation relation : relations) {
      int first = -1;
      for (int index : members(relation)) {
        if (lo[index] == hi[index]) {
          continue;
        }
        if (first < 0) {
          first = index;
        } else {
          union(parent, first, index);
        }
      }
    }
    Map<Integer, List<Integer>> groups = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      if (lo[i] != hi[i]) {
        groups.computeIfAbsent(find(parent, i), x -> new ArrayList<>()).add(i);
      }
    }
    List<int[]> components = new ArrayList<>();
    for (List<Integer> group : groups.values()) {
      components.add(group.stream().mapToInt(Integer::intValue).toArray());
    }
    return components;
  }

  private static int[] members(Tabulation.Relation relation) {
    int[] members = Arrays.copyOf(relation.parts(), relation.parts().length + 1);
    members[relation.parts().length] = relation.whole();
    return members;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  private String key(int[] component, Cell[] cells, double[] lo, double[] hi) {
    StringBuilder key = new StringBuilder();
    for (int i : component) {
      key.append(i).append(suppressed(cells, i) ? 's' : 'v');
      key.append(lo[i]).append(':').append(hi[i]).append(',');
    }
    // The constants the component's relations carry (pinned quantities) shape it too.
    java.util.Set<Integer> seen = new java.util.TreeSet<>();
    for (int i : component) {
      for (int r : relationsOf[i]) {
        seen.add(r);
      }
    }
    for (int r : seen) {
      for (int index : members(relations.get(r))) {
        if (lo[index] == hi[index]) {
          key.append('r').append(r).append('=').append(index).append(':').append(lo[index]);
        }
      }
    }
    return key.toString();
  }

  /**
   * Bounds each suppressed figure of one component by linear programming; the recoverable ones, or
   * null when the component has no feasible point (the published figures contradict).
   */
  private List<Integer> solve(
      int[] component,
      Cell[] cells,
      double[] lo,
      double[] hi,
      java.util.Set<Integer> safe,
      long[] truth,
      boolean presume) {
    Map<Integer, Integer> column = new HashMap<>();
    for (int c = 0; c < component.length; c++) {
      column.put(component[c], c);
    }
    int n = component.length;
    List<Integer> targets = new ArrayList<>();
    for (int i : component) {
      if (suppressed(cells, i) && !safe.contains(i)) {
        targets.add(i);
      }
    }
    double[] seenMin = new double[n];
    double[] seenMax = new double[n];
    Arrays.fill(seenMin, Double.POSITIVE_INFINITY);
    Arrays.fill(seenMax, Double.NEGATIVE_INFINITY);
    // Built only when a figure needs the component's LP: with a feasible point most need none, and
    // the rows of a large component are large.
    LinearConstraintSet set = null;
    double[] all = new double[n];
    for (int target : targets) {
      all[column.get(target)] = 1;
    }
    if (truth != null) {
      // The true counts are a feasible point: one LP per figure then usually certifies it.
      for (int c = 0; c < n; c++) {
        seenMin[c] = truth[component[c]] - lo[component[c]];
        seenMax[c] = seenMin[c];
      }
    } else {
      set = constraintSet(component, column, lo, hi);
      for (GoalType goal : List.of(GoalType.MINIMIZE, GoalType.MAXIMIZE)) {
        Bound bound = optimise(all, goal, set, seenMin, seenMax);
        if (bound == Bound.INFEASIBLE) {
          return null;
        }
      }
    }
    List<Integer> recoverable = new ArrayList<>();
    for (int target : targets) {
      int c = column.get(target);
      if (certified(seenMin[c], seenMax[c])
          || (truth != null && movesLocally(target, lo, hi, truth))) {
        continue;
      }
      if (truth != null && presume) {
        recoverable.add(target);
        continue;
      }
      if (set == null) {
        set = constraintSet(component, column, lo, hi);
      }
      double[] objective = unit(n, c);
      Bound min = optimise(objective, GoalType.MINIMIZE, set, seenMin, seenMax);
      if (min == Bound.INFEASIBLE) {
        return null;
      }
      if (certified(seenMin[c], seenMax[c])) {
        continue;
      }
      Bound max = optimise(objective, GoalType.MAXIMIZE, set, seenMin, seenMax);
      if (max == Bound.UNBOUNDED || certified(seenMin[c], seenMax[c])) {
        continue;
      }
      recoverable.add(target);
    }
    return List.copyOf(recoverable);
  }

  /** The rows of one component's LP: its relations and the finite upper bounds. */
  private LinearConstraintSet constraintSet(
      int[] component, Map<Integer, Integer> column, double[] lo, double[] hi) {
    int n = component.length;
    List<LinearConstraint> constraints = new ArrayList<>();
    java.util.Set<Integer> rows = new java.util.TreeSet<>();
    for (int i : component) {
      for (int r : relationsOf[i]) {
        rows.add(r);
      }
    }
    for (int r : rows) {
      Tabulation.Relation relation = relations.get(r);
      double[] coefficients = new double[n];
      double constant = 0;
      constant += addTerm(relation.whole(), 1, column, coefficients, lo);
      for (int part : relation.parts()) {
        constant += addTerm(part, -1, column, coefficients, lo);
      }
      constraints.add(
          new LinearConstraint(
              coefficients, relation.equality() ? Relationship.EQ : Relationship.GEQ, -constant));
    }
    for (int c = 0; c < n; c++) {
      int i = component[c];
      if (!Double.isInfinite(hi[i])) {
        constraints.add(new LinearConstraint(unit(n, c), Relationship.LEQ, hi[i] - lo[i]));
      }
    }
    return new LinearConstraintSet(constraints);
  }

  /**
   * Whether the point satisfies every published figure, suppression bound and relation: only then
   * may it stand in for the quantities around a figure that a local LP leaves unchanged.
   */
  private boolean satisfies(long[] point, double[] lo, double[] hi) {
    for (int i = 0; i < point.length; i++) {
      if (point[i] < lo[i] || point[i] > hi[i]) {
        return false;
      }
    }
    for (Tabulation.Relation relation : relations) {
      long parts = 0;
      for (int part : relation.parts()) {
        parts += point[part];
      }
      long whole = point[relation.whole()];
      if (relation.equality() ? parts != whole : parts > whole) {
        return false;
      }
    }
    return true;
  }

  /**
   * Certifies a figure with a small LP: only the free quantities within two relations of it may
   * change, every other keeps its value in {@code point} (a feasible point). Any solution is then a
   * feasible point of the whole system, so a solution that moves the figure by one or more proves
   * it is not recoverable. When it cannot move locally, the full component decides.
   */
  private boolean movesLocally(int target, double[] lo, double[] hi, long[] point) {
    java.util.LinkedHashSet<Integer> near = new java.util.LinkedHashSet<>();
    near.add(target);
    List<Integer> ring = List.of(target);
    for (int depth = 0; depth < LOCAL_DEPTH; depth++) {
      List<Integer> next = new ArrayList<>();
      for (int index : ring) {
        for (int r : relationsOf[index]) {
          for (int member : members(relations.get(r))) {
            if (lo[member] != hi[member] && near.size() < LOCAL_LIMIT && near.add(member)) {
              next.add(member);
            }
          }
        }
      }
      ring = next;
    }
    Map<Integer, Integer> column = new HashMap<>();
    for (int index : near) {
      column.put(index, column.size());
    }
    int n = column.size();
    java.util.Set<Integer> rows = new java.util.TreeSet<>();
    for (int index : near) {
      for (int r : relationsOf[index]) {
        rows.add(r);
      }
    }
    List<LinearConstraint> constraints = new ArrayList<>();
    for (int r : rows) {
      Tabulation.Relation relation = relations.get(r);
      double[] coefficients = new double[n];
      double constant = localTerm(relation.whole(), 1, column, coefficients, lo, point);
      for (int part : relation.parts()) {
        constant += localTerm(part, -1, column, coefficients, lo, point);
      }
      constraints.add(
          new LinearConstraint(
              coefficients, relation.equality() ? Relationship.EQ : Relationship.GEQ, -constant));
    }
    for (int index : near) {
      if (!Double.isInfinite(hi[index])) {
        constraints.add(
            new LinearConstraint(
                unit(n, column.get(index)), Relationship.LEQ, hi[index] - lo[index]));
      }
    }
    LinearConstraintSet set = new LinearConstraintSet(constraints);
    double[] objective = unit(n, column.get(target));
    double value = point[target] - lo[target];
    double[] seenMin = new double[n];
    double[] seenMax = new double[n];
    Arrays.fill(seenMin, Double.POSITIVE_INFINITY);
    Arrays.fill(seenMax, Double.NEGATIVE_INFINITY);
    if (optimise(objective, GoalType.MINIMIZE, set, seenMin, seenMax) == Bound.FOUND
        && seenMin[0] <= value - 1 + EPS) {
      return true;
    }
    Bound max = optimise(objective, GoalType.MAXIMIZE, set, seenMin, seenMax);
    return max == Bound.UNBOUNDED || (max == Bound.FOUND && seenMax[0] >= value + 1 - EPS);
  }

  private static double localTerm(
      int index,
      double sign,
      Map<Integer, Integer> column,
      double[] coefficients,
      double[] lo,
      long[] point) {
    Integer c = column.get(index);
    if (c != null) {
      coefficients[c] += sign;
      return sign * lo[index];
    }
    return sign * (lo[index] == Double.POSITIVE_INFINITY ? 0 : point[index]);
  }

  private enum Bound {
    FOUND,
    UNBOUNDED,
    INFEASIBLE
  }

  private Bound optimise(
      double[] objective,
      GoalType goal,
      LinearConstraintSet constraints,
      double[] seenMin,
      double[] seenMax) {
    linearPrograms++;
    try {
      PointValuePair point =
          new SimplexSolver()
              .optimize(
                  new MaxIter(100_000),
                  new LinearObjectiveFunction(objective, 0),
                  constraints,
                  goal,
                  new NonNegativeConstraint(true));
      double[] x = point.getPoint();
      for (int c = 0; c < x.length; c++) {
        seenMin[c] = Math.min(seenMin[c], x[c]);
        seenMax[c] = Math.max(seenMax[c], x[c]);
      }
      return Bound.FOUND;
    } catch (UnboundedSolutionException e) {
      return Bound.UNBOUNDED;
    } catch (NoFeasibleSolutionException e) {
      return Bound.INFEASIBLE;
    } catch (TooManyIterationsException e) {
      throw new IllegalStateException("the disclosure audit's linear program did not converge", e);
    }
  }

  /** Two feasible points whose values round to different integers: the figure is not pinned. */
  private static boolean certified(double min, double max) {
    return Math.ceil(min - EPS) < Math.floor(max + EPS);
  }

  /**
   * Adds one quantity to a row: a pinned one as a constant, a free one as its column. Columns hold
   * the excess over the quantity's lower bound (so lower bounds need no rows of their own), hence
   * the lower bound joins the constant too.
   */
  private static double addTerm(
      int index, double sign, Map<Integer, Integer> column, double[] coefficients, double[] lo) {
    Integer c = column.get(index);
    if (c != null) {
      coefficients[c] += sign;
    }
    return sign * lo[index];
  }

  private static double[] unit(int n, int c) {
    double[] unit = new double[n];
    unit[c] = 1;
    return unit;
  }
}
