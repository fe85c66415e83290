package be.helpline.insights.core.disclosure;

import static be.helpline.insights.core.disclosure.PublishedBounds.EPS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds moves around a figure: points that keep every relation and every published bound, hold the
 * figures far from it at their true counts, and move it by one. With a cost per publishable figure
 * a move may also change publishable figures (which then have to be suppressed), and the cheapest
 * such move names the partners that protection suppresses. With no cost only suppressed figures and
 * hidden quantities move, and a move found proves its figures safe.
 *
 * <p>One search serves one set of true counts (or one feasible point); which zeros could be hidden
 * follows the suppressions of the cells it is given, asked only where the counts leave it open.
 */
final class ProtectionSearch {
  /** The most figures a protection LP considers around its target. */
  private static final int PROTECTION_LIMIT = 120;

  /** The most figures a move along two lines considers. */
  private static final int LINE_LIMIT = 300;

  /** A move found around a target: the figures to suppress, and the suppressed ones it moved. */
  record Move(List<Integer> partners, List<Integer> moved, double cost) {}

  private final RelationGraph graph;
  private final Tabulation tabulation;
  private final DisclosurePolicy policy;
  private final long[] truth;
  private final LinearPrograms linearPrograms;

  /**
   * Per zero, its sums in which every other member is a zero that is neither hidden nor counted
   * ({@link #hideableZero} asks only there whether one is suppressed); null for a count. Worked out
   * once: the search asks for every figure near a target, again and again.
   */
  private final int[][] zeroSums;

  ProtectionSearch(
      RelationGraph graph, DisclosurePolicy policy, long[] truth, LinearPrograms linearPrograms) {
    this.graph = graph;
    this.tabulation = graph.tabulation();
    this.policy = policy;
    this.truth = truth;
    this.linearPrograms = linearPrograms;
    this.zeroSums = new int[truth.length][];
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] != 0) {
        continue;
      }
      List<Integer> sums = new ArrayList<>();
      for (int r : graph.relationsOf(i)) {
        boolean other = false;
        for (int member : graph.relation(r).members()) {
          other |= member != i && (tabulation.isHidden(member) || truth[member] > 0);
        }
        if (!other) {
          sums.add(r);
        }
      }
      zeroSums[i] = sums.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The counts the search moves from. */
  long[] truth() {
    return truth;
  }

  /**
   * The cheapest move found for the target, looking ever wider: the figures nearest it ({@link
   * #protection}), then its line with each partner line ({@link #alongLines}), then its whole line
   * ({@link #aroundLine}); null when none of them finds one.
   */
  Move find(Cell[] cells, int target, double[] cost) {
    Move move = protection(cells, target, cost);
    if (move == null) {
      move = alongLines(cells, target, cost);
    }
    if (move == null) {
      move = aroundLine(cells, target, cost);
    }
    return move;
  }

  /**
   * The publishable figures to suppress so that the target can move: a linear program over the
   * figures near it (every other figure keeps its true count) that moves the target by one, up or
   * down, keeps every relation and every bound as published, and may move a publishable figure at
   * {@code cost[j]} per unit, keeping it at least k (as a secondary suppression it would have to
   * be). The cheaper direction's partners are returned with every suppressed figure (partners
   * included) that the same point moves by one or more, which that point proves safe; null means no
   * move was found near it. With {@code cost} null nothing publishable may move.
   */
  Move protection(Cell[] cells, int target, double[] cost) {
    return protection(cells, target, cost, PROTECTION_LIMIT);
  }

  /** {@link #protection} over at most {@code limit} figures around the target. */
  Move protection(Cell[] cells, int target, double[] cost, int limit) {
    return move(cells, target, cost, nearest(cells, List.of(target), limit, cost != null));
  }

  /**
   * {@link #protection} around the target's whole line (every period of its code): a month's
   * referrals total of 3 moves only with a cell of each referral table, in this month and another.
   */
  Move aroundLine(Cell[] cells, int target, double[] cost) {
    String line = tabulation.line(target);
    if (line == null) {
      return null;
    }
    List<Integer> seeds = new ArrayList<>(List.of(target));
    for (int member : tabulation.lineMembers(line)) {
      if (member != target && movable(cells, member, cost != null)) {
        seeds.add(member);
      }
    }
    return move(cells, target, cost, nearest(cells, seeds, LINE_LIMIT, cost != null));
  }

  /**
   * The movable figures nearest the seeds, at most {@code limit} (see {@link
   * RelationGraph#nearest}).
   */
  private List<Integer> nearest(Cell[] cells, List<Integer> seeds, int limit, boolean zeros) {
    return graph.nearest(seeds, figure -> movable(cells, figure, zeros), limit);
  }

  /**
   * A move of the target along its line (the same table and code in every period) and one partner
   * line: for a rare code whose every month holds one contact, the only moves run up through its
   * quarter, year and all-time figures, against another code of the same table moving the other
   * way, and through the cross-table cells of both. Each partner line is tried; the cheapest move
   * wins. Null when the tabulation has no lines or no move was found.
   */
  Move alongLines(Cell[] cells, int target, double[] cost) {
    String line = tabulation.line(target);
    if (line == null) {
      return null;
    }
    // Partner lines: the other codes of the tables its line takes part in (a quarter's table sum
    // is implied by its months', so the sums are found on the line's month figures).
    TreeSet<String> partners = new TreeSet<>();
    for (int figure : tabulation.lineMembers(line)) {
      for (int r : graph.relationsOf(figure)) {
        for (int member : graph.relation(r).members()) {
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
        if (movable(cells, member, cost != null)) {
          near.add(member);
        }
      }
      // The cells linking a line figure to other tables (a cross table's column, say), with their
      // own lines while the system stays small, but not the table sums that hold both lines (the
      // other codes there keep their values).
      TreeSet<String> linked = new TreeSet<>();
      for (int member : lineCells) {
        for (int r : graph.relationsOf(member)) {
          int[] members = graph.relation(r).members();
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
            if (movable(cells, m, cost != null)) {
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
          if (movable(cells, m, cost != null)) {
            near.add(m);
          }
        }
      }
      Move move = move(cells, target, cost, List.copyOf(near));
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
  private boolean movable(Cell[] cells, int figure, boolean zeros) {
    return cells[figure] == null
        || cells[figure].isSuppressed()
        || truth[figure] > 0
        || (zeros && hideableZero(cells, figure));
  }

  /**
   * Whether a zero's hiding could protect anything: each of its sums holds a hidden quantity, a
   * suppressed figure or a count that is not zero. A zero among published zeros only (every cell of
   * a month without contacts) stays published: hidden, the zeros around it would pin it, and a
   * protection that moved it would have to hide all of them. A suppressed zero beside it is another
   * matter: a year's zero over quarters whose one zero was hidden gives that quarter's zero away
   * unless it is hidden too.
   */
  private boolean hideableZero(Cell[] cells, int figure) {
    if (zeroSums[figure] == null) {
      return false;
    }
    for (int r : zeroSums[figure]) {
      boolean suppressed = false;
      for (int member : graph.relation(r).members()) {
        suppressed |= member != figure && cells[member] != null && cells[member].isSuppressed();
      }
      if (!suppressed) {
        return false;
      }
    }
    return true;
  }

  /**
   * The cheapest move of the target by one over the figures {@code near} (see {@link #protection}).
   */
  private Move move(Cell[] cells, int target, double[] cost, List<Integer> near) {
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
      double[] bounds = PublishedBounds.interval(policy, cells[j]);
      paid[c] =
          cost != null
              && Double.isFinite(cost[j])
              && cells[j] != null
              && !cells[j].isSuppressed()
              && (truth[j] > 0 || hideableZero(cells, j));
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
      for (int r : graph.relationsOf(j)) {
        touched.add(r);
      }
    }
    for (int r : touched) {
      Tabulation.Relation relation = graph.relation(r);
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
      Simplex.Solution solution = linearPrograms.solve(objective, Simplex.rows(withTarget), false);
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
}
