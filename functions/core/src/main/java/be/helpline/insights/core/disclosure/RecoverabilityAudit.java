package be.helpline.insights.core.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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
 */
final class RecoverabilityAudit {
  private static final double EPS = 1e-6;

  /**
   * The neighbourhoods tried for a local proof: relations away from the figure, and most members.
   */
  private static final int[][] NEIGHBOURHOODS = {{2, 40}, {3, 120}, {5, 300}};

  /** The most figures a protection LP considers around its target. */
  private static final int PROTECTION_LIMIT = 120;

  /** The most figures a move along two lines considers. */
  private static final int LINE_LIMIT = 300;

  private final Tabulation tabulation;
  private final List<Tabulation.Relation> relations;
  private final int[][] relationsOf;
  private final DisclosurePolicy policy;
  private int linearPrograms;
  private long[] hideableZerosOf;
  private boolean[] hideableZeros;

  RecoverabilityAudit(Tabulation tabulation, DisclosurePolicy policy) {
    this.policy = policy;
    this.tabulation = tabulation;
    this.relations = tabulation.relations();
    List<List<Integer>> of = new ArrayList<>();
    for (int i = 0; i < tabulation.size(); i++) {
      of.add(new ArrayList<>());
    }
    for (int r = 0; r < relations.size(); r++) {
      for (int member : relations.get(r).members()) {
        of.get(member).add(r);
      }
    }
    relationsOf = new int[of.size()][];
    for (int i = 0; i < of.size(); i++) {
      relationsOf[i] = of.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** What the audit found. */
  record Result(List<Integer> recoverable, List<Integer> breakingPolicy, boolean consistent) {}

  /** What the published figures say of every quantity, after propagation. */
  private record Bounds(double[] lo, double[] hi, List<Integer> breaking, boolean consistent) {}

  int linearPrograms() {
    return linearPrograms;
  }

  int[] relationsOf(int index) {
    return relationsOf[index];
  }

  Tabulation.Relation relation(int r) {
    return relations.get(r);
  }

  /**
   * The exact audit of a published state ({@code cells[i]} null for hidden quantities). {@code
   * hint}, when not null, is a point believed feasible (the true counts); it is used only when it
   * satisfies everything published.
   */
  Result run(Cell[] cells, long[] hint) {
    return run(cells, hint, new boolean[cells.length], new boolean[relations.size()]);
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
    Bounds bounds = bounds(cells);
    if (!bounds.consistent()) {
      return new Result(List.of(), bounds.breaking(), false);
    }
    double[] lo = bounds.lo();
    double[] hi = bounds.hi();
    long[] point = hint != null && satisfies(hint, lo, hi) ? hint : null;
    List<Integer> open = new ArrayList<>();
    List<Integer> recoverable = new ArrayList<>();
    java.util.Set<Integer> proved = new java.util.HashSet<>();
    for (int i = 0; i < cells.length; i++) {
      if (!suppressed(cells, i)) {
        continue;
      }
      if (lo[i] == hi[i]) {
        recoverable.add(i);
      } else if (!reopened[i]) {
        continue;
      } else if (point == null || !proveSafe(cells, i, lo, hi, point, proved)) {
        open.add(i);
      }
    }
    if (!open.isEmpty()) {
      List<Integer> exact = exactBounds(open, lo, hi, point);
      if (exact == null) {
        return new Result(List.of(), bounds.breaking(), false);
      }
      recoverable.addAll(exact);
    }
    recoverable.sort(null);
    return new Result(List.copyOf(recoverable), bounds.breaking(), true);
  }

  /** The figures {@link #run(Cell[], long[], boolean[], boolean[])} must prove safe again. */
  private boolean[] reopened(Cell[] cells, boolean[] unchanged, boolean[] oldRelation) {
    int[] parent = new int[cells.length];
    boolean[] interval = new boolean[cells.length];
    for (int i = 0; i < cells.length; i++) {
      parent[i] = i;
      double[] bounds = published(cells, i);
      interval[i] = bounds[0] != bounds[1];
    }
    for (Tabulation.Relation relation : relations) {
      int first = -1;
      for (int member : relation.members()) {
        if (!interval[member]) {
          continue;
        }
        if (first < 0) {
          first = member;
        } else {
          int a = find(parent, first);
          int b = find(parent, member);
          parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    boolean[] touchedRoot = new boolean[cells.length];
    for (int r = 0; r < relations.size(); r++) {
      int[] members = relations.get(r).members();
      boolean touched = !oldRelation[r];
      for (int member : members) {
        touched |= !unchanged[member];
      }
      if (touched) {
        for (int member : members) {
          if (interval[member]) {
            touchedRoot[find(parent, member)] = true;
          }
        }
      }
    }
    boolean[] reopened = new boolean[cells.length];
    for (int i = 0; i < cells.length; i++) {
      if (interval[i] && !unchanged[i]) {
        touchedRoot[find(parent, i)] = true;
      }
    }
    for (int i = 0; i < cells.length; i++) {
      reopened[i] = touchedRoot[find(parent, i)];
    }
    return reopened;
  }

  /**
   * The presumptive audit used while protecting: of {@code targets}, those not proved safe by
   * propagation and a local LP around the true counts. It never runs the exact bounds, so it may
   * name a figure that is in fact safe (protection then suppresses a little more than needed), but
   * every figure it does not name has a proof of safety.
   */
  List<Integer> atRisk(Cell[] cells, long[] truth, Collection<Integer> targets) {
    Bounds bounds = bounds(cells);
    if (!bounds.consistent() || !satisfies(truth, bounds.lo(), bounds.hi())) {
      throw new IllegalStateException("the true counts contradict the tabulation's relations");
    }
    List<Integer> atRisk = new ArrayList<>();
    java.util.Set<Integer> proved = new java.util.HashSet<>();
    for (int target : targets) {
      if (bounds.lo()[target] == bounds.hi()[target]
          || !proveSafe(cells, target, bounds.lo(), bounds.hi(), truth, proved)) {
        atRisk.add(target);
      }
    }
    return atRisk;
  }

  /** A move found around a target: the figures to suppress, and the suppressed ones it moved. */
  record Move(List<Integer> partners, List<Integer> moved, double cost) {}

  /**
   * The publishable figures to suppress so that the target can move: a linear program over the
   * figures near it (every other figure keeps its true count) that moves the target by one, up or
   * down, keeps every relation and every bound as published, and may move a publishable figure at
   * {@code cost[j]} per unit, keeping it at least k (as a secondary suppression it would have to
   * be). The cheaper direction's partners are returned with every suppressed figure (partners
   * included) that the same point moves by one or more, which that point proves safe; null means no
   * move was found near it. With {@code cost} null nothing publishable may move.
   */
  Move protection(Cell[] cells, long[] truth, int target, double[] cost) {
    return protection(cells, truth, target, cost, PROTECTION_LIMIT);
  }

  /** {@link #protection} over at most {@code limit} figures around the target. */
  Move protection(Cell[] cells, long[] truth, int target, double[] cost, int limit) {
    return move(
        cells, truth, target, cost, nearest(cells, truth, List.of(target), limit, cost != null));
  }

  /**
   * {@link #protection} around the target's whole line (every period of its code): a month's
   * referrals total of 3 moves only with a cell of each referral table, in this month and another.
   */
  Move aroundLine(Cell[] cells, long[] truth, int target, double[] cost) {
    String line = tabulation.line(target);
    if (line == null) {
      return null;
    }
    List<Integer> seeds = new ArrayList<>(List.of(target));
    for (int member : tabulation.lineMembers(line)) {
      if (member != target && movable(cells, truth, member, cost != null)) {
        seeds.add(member);
      }
    }
    return move(cells, truth, target, cost, nearest(cells, truth, seeds, LINE_LIMIT, cost != null));
  }

  /**
   * The movable figures nearest the seeds, at most {@code limit}, where a step through a sum costs
   * its size: the chain of a month's figure up through its quarter, year and all-time (sums of 3, 4
   * and a few) comes before the wide tables.
   */
  private List<Integer> nearest(
      Cell[] cells, long[] truth, List<Integer> seeds, int limit, boolean zeros) {
    Map<Integer, Integer> distance = new HashMap<>();
    java.util.PriorityQueue<int[]> queue =
        new java.util.PriorityQueue<>((a, b) -> a[0] != b[0] ? a[0] - b[0] : a[1] - b[1]);
    for (int seed : seeds) {
      distance.put(seed, 0);
      queue.add(new int[] {0, seed});
    }
    LinkedHashSet<Integer> seen = new LinkedHashSet<>();
    while (!queue.isEmpty() && seen.size() < limit) {
      int[] head = queue.poll();
      int figure = head[1];
      if (head[0] > distance.get(figure) || !seen.add(figure)) {
        continue;
      }
      for (int r : relationsOf[figure]) {
        int[] members = relations.get(r).members();
        for (int member : members) {
          int d = head[0] + members.length;
          if (movable(cells, truth, member, zeros)
              && d < distance.getOrDefault(member, Integer.MAX_VALUE)) {
            distance.put(member, d);
            queue.add(new int[] {d, member});
          }
        }
      }
    }
    return List.copyOf(seen);
  }

  /**
   * A move of the target along its line (the same table and code in every period) and one partner
   * line: for a rare code whose every month holds one contact, the only moves run up through its
   * quarter, year and all-time figures, against another code of the same table moving the other
   * way, and through the cross-table cells of both. Each partner line is tried; the cheapest move
   * wins. Null when the tabulation has no lines or no move was found.
   */
  Move alongLines(Cell[] cells, long[] truth, int target, double[] cost) {
    String line = tabulation.line(target);
    if (line == null) {
      return null;
    }
    // Partner lines: the other codes of the tables its line takes part in (a quarter's table sum
    // is implied by its months', so the sums are found on the line's month figures).
    TreeSet<String> partners = new TreeSet<>();
    for (int figure : tabulation.lineMembers(line)) {
      for (int r : relationsOf[figure]) {
        for (int member : relations.get(r).members()) {
          String other = tabulation.line(member);
          if (other != null && !other.equals(line)) {
            partners.add(other);
          }
        }
      }
    }
    Move best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (String partner : partners) {
      LinkedHashSet<Integer> near = new LinkedHashSet<>();
      near.add(target);
      List<Integer> lineCells = new ArrayList<>(tabulation.lineMembers(line));
      lineCells.addAll(tabulation.lineMembers(partner));
      for (int member : lineCells) {
        if (movable(cells, truth, member, cost != null)) {
          near.add(member);
        }
      }
      // The cells linking a line figure to other tables (a cross table's column, say), with their
      // own lines while the system stays small, but not the table sums that hold both lines (the
      // other codes there keep their values).
      TreeSet<String> linked = new TreeSet<>();
      for (int member : lineCells) {
        for (int r : relationsOf[member]) {
          int[] members = relations.get(r).members();
          boolean both = false;
          for (int m : members) {
            String l = tabulation.line(m);
            both |=
                l != null
                    && !l.equals(tabulation.line(member))
                    && (l.equals(line) || l.equals(partner));
          }
          if (both) {
            continue;
          }
          for (int m : members) {
            if (movable(cells, truth, m, cost != null)) {
              near.add(m);
              if (tabulation.line(m) != null) {
                linked.add(tabulation.line(m));
              }
            }
          }
        }
      }
      for (String l : linked) {
        List<Integer> more = tabulation.lineMembers(l);
        if (near.size() + more.size() > LINE_LIMIT) {
          break;
        }
        for (int m : more) {
          if (movable(cells, truth, m, cost != null)) {
            near.add(m);
          }
        }
      }
      Move move = move(cells, truth, target, cost, List.copyOf(near));
      if (move != null && move.cost() < bestCost) {
        best = move;
        bestCost = move.cost();
      }
    }
    return best;
  }

  /**
   * Whether a figure may move: a hidden quantity, a suppressed figure, a published count other than
   * zero and, while protecting ({@code zeros}), a zero that could be hidden (see {@link
   * #hideableZero}).
   */
  private boolean movable(Cell[] cells, long[] truth, int figure, boolean zeros) {
    return cells[figure] == null
        || cells[figure].isSuppressed()
        || truth[figure] > 0
        || (zeros && hideableZero(truth, figure));
  }

  /**
   * Whether hiding a zero could protect anything: each of its sums holds a hidden quantity or a
   * count that is not zero. A zero among zeros only (every cell of a month without contacts) stays
   * published: hidden, the zeros around it would pin it, and a protection that moved it would have
   * to hide all of them.
   */
  private boolean hideableZero(long[] truth, int figure) {
    if (hideableZeros == null || hideableZerosOf != truth) {
      hideableZerosOf = truth;
      hideableZeros = new boolean[truth.length];
      for (int i = 0; i < truth.length; i++) {
        boolean hideable = truth[i] == 0;
        for (int r = 0; hideable && r < relationsOf[i].length; r++) {
          boolean other = false;
          for (int member : relations.get(relationsOf[i][r]).members()) {
            other |= member != i && (tabulation.isHidden(member) || truth[member] > 0);
          }
          hideable = other;
        }
        hideableZeros[i] = hideable;
      }
    }
    return hideableZeros[figure];
  }

  /**
   * The cheapest move of the target by one over the figures {@code near} (see {@link #protection}).
   */
  private Move move(Cell[] cells, long[] truth, int target, double[] cost, List<Integer> near) {
    int k = policy.smallestPublished();
    // Columns: per figure its free move within the published bounds (shifted to start at 0), and
    // for a publishable figure a paid move up and a paid move down (a published zero only moves up:
    // hidden, it would be a primary suppression, 0 to k-1).
    int n = near.size();
    Map<Integer, Integer> index = new HashMap<>();
    double[] low = new double[n];
    double[] high = new double[n];
    boolean[] paid = new boolean[n];
    int columns = 0;
    int[] free = new int[n];
    int[] up = new int[n];
    int[] down = new int[n];
    for (int c = 0; c < n; c++) {
      int j = near.get(c);
      index.put(j, c);
      double[] bounds = published(cells, j);
      paid[c] =
          cost != null
              && Double.isFinite(cost[j])
              && cells[j] != null
              && !cells[j].isSuppressed()
              && (truth[j] > 0 || hideableZero(truth, j));
      low[c] = bounds[0] - truth[j];
      high[c] = bounds[1] - truth[j];
      free[c] = high[c] > low[c] ? columns++ : -1;
      up[c] = paid[c] ? columns++ : -1;
      down[c] = paid[c] && truth[j] > 0 ? columns++ : -1;
    }
    double[] objective = new double[columns];
    for (int c = 0; c < n; c++) {
      if (paid[c]) {
        objective[up[c]] = cost[near.get(c)];
      }
      if (down[c] >= 0) {
        objective[down[c]] = cost[near.get(c)];
      }
    }
    List<Simplex.Row> rows = new ArrayList<>();
    TreeSet<Integer> touched = new TreeSet<>();
    for (int j : near) {
      for (int r : relationsOf[j]) {
        touched.add(r);
      }
    }
    for (int r : touched) {
      Tabulation.Relation relation = relations.get(r);
      double[] row = new double[columns];
      double constant = moveTerm(relation.whole(), 1, index, free, up, down, low, row);
      for (int part : relation.parts()) {
        constant += moveTerm(part, -1, index, free, up, down, low, row);
      }
      if (relation.equality()) {
        rows.add(new Simplex.Row(row, Simplex.Relation.EQ, -constant));
      } else {
        // whole - part >= 0 for the true counts plus the moves.
        double slack = truth[relation.whole()] - truth[relation.parts()[0]];
        rows.add(new Simplex.Row(row, Simplex.Relation.GEQ, -constant - slack));
      }
    }
    for (int c = 0; c < n; c++) {
      if (free[c] >= 0 && !Double.isInfinite(high[c])) {
        double[] row = new double[columns];
        row[free[c]] = 1;
        rows.add(new Simplex.Row(row, Simplex.Relation.LEQ, high[c] - low[c]));
      }
      if (paid[c] && down[c] < 0) {
        double[] row = new double[columns];
        row[up[c]] = 1;
        rows.add(new Simplex.Row(row, Simplex.Relation.LEQ, k - 1));
      } else if (paid[c]) {
        // A publishable figure that moves becomes a secondary suppression: at least k.
        double[] row = new double[columns];
        if (free[c] >= 0) {
          row[free[c]] = 1;
        }
        row[up[c]] = 1;
        row[down[c]] = -1;
        rows.add(new Simplex.Row(row, Simplex.Relation.GEQ, k - truth[near.get(c)] - low[c]));
      }
    }
    int t = index.get(target);
    Move best = null;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int direction : new int[] {1, -1}) {
      if (direction < low[t] || direction > high[t]) {
        continue;
      }
      double[] row = new double[columns];
      if (free[t] >= 0) {
        row[free[t]] = 1;
      }
      List<Simplex.Row> withTarget = new ArrayList<>(rows);
      withTarget.add(new Simplex.Row(row, Simplex.Relation.EQ, direction - low[t]));
      // Infeasible or unbounded: no move in this direction near the target.
      Simplex.Solution solution = solve(objective, Simplex.rows(withTarget), false);
      if (solution.outcome() == Simplex.Outcome.FOUND) {
        if (solution.value() < bestCost) {
          bestCost = solution.value();
          double[] x = solution.point();
          List<Integer> partners = new ArrayList<>();
          List<Integer> moved = new ArrayList<>();
          for (int c = 0; c < n; c++) {
            double move = low[c] + (free[c] >= 0 ? x[free[c]] : 0);
            double downMove = paid[c] && down[c] >= 0 ? x[down[c]] : 0;
            if (paid[c] && x[up[c]] + downMove > EPS) {
              partners.add(near.get(c));
              move += x[up[c]] - downMove;
            } else if (cells[near.get(c)] == null || !cells[near.get(c)].isSuppressed()) {
              continue;
            }
            if (Math.abs(move) >= 1 - EPS) {
              moved.add(near.get(c));
            }
          }
          best = new Move(partners, moved, bestCost);
        }
      }
    }
    return best;
  }

  /** A figure's move in a relation's row: its columns, and its fixed part as the constant. */
  private static double moveTerm(
      int figure,
      double sign,
      Map<Integer, Integer> index,
      int[] free,
      int[] up,
      int[] down,
      double[] low,
      double[] row) {
    Integer c = index.get(figure);
    if (c == null) {
      return 0;
    }
    if (free[c] >= 0) {
      row[free[c]] += sign;
    }
    if (up[c] >= 0) {
      row[up[c]] += sign;
    }
    if (down[c] >= 0) {
      row[down[c]] -= sign;
    }
    return sign * low[c];
  }

  /**
   * Whether a feasible point moves the target by one or more: one found earlier for another figure,
   * a local LP over the free figures near it, or a move around it through published figures held
   * fixed. Every figure a found point moves joins {@code proved}.
   */
  private boolean proveSafe(
      Cell[] cells,
      int target,
      double[] lo,
      double[] hi,
      long[] point,
      java.util.Set<Integer> proved) {
    if (proved.contains(target) || movesLocally(cells, target, lo, hi, point, proved)) {
      return true;
    }
    Move move = protection(cells, point, target, null);
    if (move == null) {
      move = alongLines(cells, point, target, null);
    }
    if (move == null) {
      move = aroundLine(cells, point, target, null);
    }
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
    Bounds bounds = bounds(cells);
    List<Integer> pinned = new ArrayList<>();
    for (int i = 0; i < cells.length; i++) {
      if (suppressed(cells, i) && bounds.lo()[i] == bounds.hi()[i]) {
        pinned.add(i);
      }
    }
    return pinned;
  }

  private static boolean suppressed(Cell[] cells, int i) {
    return cells[i] != null && cells[i].isSuppressed();
  }

  /**
   * What publication alone says of figure i, {@code {lo, hi}}: a hidden quantity is at least 0; a
   * primary suppression hides 0 to k-1 (a small count, or a zero hidden to protect one); a
   * secondary one at least k; a rounded count c stands for c-half..c+half and, when not zero, at
   * least k.
   */
  private double[] published(Cell[] cells, int i) {
    int k = policy.smallestPublished();
    Cell cell = cells[i];
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

  private Bounds bounds(Cell[] cells) {
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
      double[] bounds = published(cells, i);
      lo[i] = bounds[0];
      hi[i] = bounds[1];
    }
    boolean consistent = propagate(lo, hi);
    return new Bounds(lo, hi, List.copyOf(breaking), consistent);
  }

  /**
   * Tightens every quantity's interval from the relations until nothing changes; false when the
   * published figures contradict each other.
   */
  private boolean propagate(double[] lo, double[] hi) {
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

  /** Whether the point lies within every bound and satisfies every relation. */
  private boolean satisfies(long[] point, double[] lo, double[] hi) {
    if (point.length != lo.length) {
      return false;
    }
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
   * Whether the target can move by one or more while only free quantities near it change (the rest
   * keep their value in {@code point}), in ever larger neighbourhoods.
   */
  private boolean movesLocally(
      Cell[] cells,
      int target,
      double[] lo,
      double[] hi,
      long[] point,
      java.util.Set<Integer> proved) {
    int previous = 0;
    for (int[] neighbourhood : NEIGHBOURHOODS) {
      List<Integer> near = near(target, lo, hi, neighbourhood[0], neighbourhood[1]);
      if (near.size() == previous) {
        return false;
      }
      previous = near.size();
      if (moves(cells, target, near, lo, hi, point, proved)) {
        return true;
      }
    }
    return false;
  }

  /** The free quantities within {@code depth} relations of the target, at most {@code limit}. */
  private List<Integer> near(int target, double[] lo, double[] hi, int depth, int limit) {
    LinkedHashSet<Integer> near = new LinkedHashSet<>();
    near.add(target);
    List<Integer> ring = List.of(target);
    for (int d = 0; d < depth && !ring.isEmpty(); d++) {
      List<Integer> next = new ArrayList<>();
      for (int index : ring) {
        for (int r : relationsOf[index]) {
          for (int member : relations.get(r).members()) {
            if (lo[member] != hi[member] && near.size() < limit && near.add(member)) {
              next.add(member);
            }
          }
        }
      }
      ring = next;
    }
    return List.copyOf(near);
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
      double[] lo,
      double[] hi,
      long[] point,
      java.util.Set<Integer> proved) {
    Map<Integer, Integer> column = new HashMap<>();
    for (int index : near) {
      column.put(index, column.size());
    }
    Simplex.Rows constraints = constraints(near, column, lo, hi, point);
    double value = point[target] - lo[target];
    double[] objective = unit(near.size(), column.get(target));
    double[] seenMin = new double[near.size()];
    double[] seenMax = new double[near.size()];
    Arrays.fill(seenMin, Double.POSITIVE_INFINITY);
    Arrays.fill(seenMax, Double.NEGATIVE_INFINITY);
    int c = column.get(target);
    boolean moves;
    if (value >= 1 - EPS
        && optimise(objective, false, constraints, seenMin, seenMax) == Bound.FOUND
        && seenMin[c] <= value - 1 + EPS) {
      moves = true;
    } else if (value + 1 > hi[target] - lo[target] + EPS) {
      moves = false;
    } else {
      Bound max = optimise(objective, true, constraints, seenMin, seenMax);
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
  private List<Integer> exactBounds(List<Integer> open, double[] lo, double[] hi, long[] point) {
    Map<Integer, List<Integer>> byComponent = new TreeMap<>();
    int[] parent = components(lo, hi);
    for (int target : open) {
      byComponent.computeIfAbsent(find(parent, target), x -> new ArrayList<>()).add(target);
    }
    List<Integer> recoverable = new ArrayList<>();
    for (List<Integer> targets : byComponent.values()) {
      int root = find(parent, targets.getFirst());
      List<Integer> component = new ArrayList<>();
      for (int i = 0; i < lo.length; i++) {
        if (lo[i] != hi[i] && find(parent, i) == root) {
          component.add(i);
        }
      }
      Map<Integer, Integer> column = new HashMap<>();
      for (int index : component) {
        column.put(index, column.size());
      }
      int n = component.size();
      Simplex.Rows constraints = constraints(component, column, lo, hi, null);
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
        if (optimise(all, false, constraints, seenMin, seenMax) == Bound.INFEASIBLE) {
          return null;
        }
        optimise(all, true, constraints, seenMin, seenMax);
      }
      for (int target : targets) {
        int c = column.get(target);
        if (certified(seenMin[c], seenMax[c])) {
          continue;
        }
        double[] objective = unit(n, c);
        Bound min = optimise(objective, false, constraints, seenMin, seenMax);
        if (min == Bound.INFEASIBLE) {
          return null;
        }
        if (certified(seenMin[c], seenMax[c])) {
          continue;
        }
        Bound max = optimise(objective, true, constraints, seenMin, seenMax);
        if (max != Bound.UNBOUNDED && !certified(seenMin[c], seenMax[c])) {
          recoverable.add(target);
        }
      }
    }
    return recoverable;
  }

  /** Union-find parents linking the free quantities that share a relation. */
  private int[] components(double[] lo, double[] hi) {
    int[] parent = new int[lo.length];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (Tabulation.Relation relation : relations) {
      int first = -1;
      for (int index : relation.members()) {
        if (lo[index] == hi[index]) {
          continue;
        }
        if (first < 0) {
          first = index;
        } else {
          int a = find(parent, first);
          int b = find(parent, index);
          parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    return parent;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /**
   * The rows of an LP over {@code columns} (each column the excess of a quantity over its lower
   * bound): every relation touching them, with the other quantities as constants (their value in
   * {@code point}, or their pinned value), and the finite upper bounds.
   */
  private Simplex.Rows constraints(
      List<Integer> columns, Map<Integer, Integer> column, double[] lo, double[] hi, long[] point) {
    int n = columns.size();
    TreeSet<Integer> rows = new TreeSet<>();
    for (int index : columns) {
      for (int r : relationsOf[index]) {
        rows.add(r);
      }
    }
    List<Simplex.Row> constraints = new ArrayList<>();
    for (int r : rows) {
      Tabulation.Relation relation = relations.get(r);
      double[] coefficients = new double[n];
      double constant = term(relation.whole(), 1, column, coefficients, lo, point);
      for (int part : relation.parts()) {
        constant += term(part, -1, column, coefficients, lo, point);
      }
      constraints.add(
          new Simplex.Row(
              coefficients,
              relation.equality() ? Simplex.Relation.EQ : Simplex.Relation.GEQ,
              -constant));
    }
    for (int index : columns) {
      if (!Double.isInfinite(hi[index])) {
        constraints.add(
            new Simplex.Row(
                unit(n, column.get(index)), Simplex.Relation.LEQ, hi[index] - lo[index]));
      }
    }
    return Simplex.rows(constraints);
  }

  /** A quantity's share of a row: a column, or a constant (held at the point, or pinned). */
  private static double term(
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
    return sign * (point != null ? point[index] : lo[index]);
  }

  private enum Bound {
    FOUND,
    UNBOUNDED,
    INFEASIBLE
  }

  private Bound optimise(
      double[] objective,
      boolean maximise,
      Simplex.Rows constraints,
      double[] seenMin,
      double[] seenMax) {
    Simplex.Solution solution = solve(objective, constraints, maximise);
    return switch (solution.outcome()) {
      case FOUND -> {
        double[] x = solution.point();
        for (int c = 0; c < x.length; c++) {
          seenMin[c] = Math.min(seenMin[c], x[c]);
          seenMax[c] = Math.max(seenMax[c], x[c]);
        }
        yield Bound.FOUND;
      }
      case UNBOUNDED -> Bound.UNBOUNDED;
      case INFEASIBLE -> Bound.INFEASIBLE;
    };
  }

  /** One LP over non-negative columns, counted in {@link #linearPrograms}. */
  private Simplex.Solution solve(double[] objective, Simplex.Rows rows, boolean maximise) {
    linearPrograms++;
    return Simplex.optimise(objective, rows, maximise);
  }

  /** Two feasible points whose values round to different integers: the figure is not pinned. */
  private static boolean certified(double min, double max) {
    return Math.ceil(min - EPS) < Math.floor(max + EPS);
  }

  private static double[] unit(int n, int c) {
    double[] unit = new double[n];
    unit[c] = 1;
    return unit;
  }
}
