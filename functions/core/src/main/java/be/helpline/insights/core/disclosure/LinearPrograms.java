package be.helpline.insights.core.disclosure;

import static be.helpline.insights.core.disclosure.PublishedBounds.EPS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The linear programs of one protection or one audit: the rows of the intruder's system over some
 * of its quantities, each solved with {@link Simplex} and counted. Each protection or audit makes
 * its own, so the count it reports is what it solved and no run sees another's.
 */
final class LinearPrograms {
  /** How an optimisation ended. */
  enum Bound {
    FOUND,
    UNBOUNDED,
    INFEASIBLE
  }

  private int solved;

  /** The number of LPs solved so far. */
  int solved() {
    return solved;
  }

  /** One LP over non-negative columns, counted. */
  Simplex.Solution solve(double[] objective, Simplex.Rows rows, boolean maximise) {
    solved++;
    return Simplex.optimise(objective, rows, maximise);
  }

  /**
   * Minimises or maximises {@code objective} and widens {@code seenMin}/{@code seenMax} (per
   * column, the least and most it was seen at in a feasible point) by the optimum found.
   */
  Bound optimise(
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

  /**
   * The rows of an LP over {@code columns} (column {@code column.get(i)} the excess of quantity i
   * over its lower bound): every relation touching them, with the other quantities as constants
   * (their value in {@code point}, or, with no point, their lower bound, which is their value where
   * propagation pinned them), and the finite upper bounds.
   */
  static Simplex.Rows constraints(
      RelationGraph graph,
      List<Integer> columns,
      Map<Integer, Integer> column,
      double[] lo,
      double[] hi,
      long[] point) {
    int n = columns.size();
    TreeSet<Integer> rows = new TreeSet<>();
    for (int index : columns) {
      for (int r : graph.relationsOf(index)) {
        rows.add(r);
      }
    }
    List<Simplex.Row> constraints = new ArrayList<>();
    for (int r : rows) {
      Tabulation.Relation relation = graph.relation(r);
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

  /** Two feasible points whose values round to different integers: the figure is not pinned. */
  static boolean certified(double min, double max) {
    return Math.ceil(min - EPS) < Math.floor(max + EPS);
  }

  /** The objective (or row) that is 1 at column {@code c} of {@code n} and 0 elsewhere. */
  static double[] unit(int n, int c) {
    double[] unit = new double[n];
    unit[c] = 1;
    return unit;
  }
}
