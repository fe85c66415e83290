package be.helpline.insights.core.disclosure;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.LocalizedOptimFormats;
import org.hipparchus.optim.MaxIter;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.linear.LinearConstraint;
import org.hipparchus.optim.linear.LinearConstraintSet;
import org.hipparchus.optim.linear.LinearObjectiveFunction;
import org.hipparchus.optim.linear.NonNegativeConstraint;
import org.hipparchus.optim.linear.Relationship;
import org.hipparchus.optim.linear.SimplexSolver;
import org.hipparchus.optim.nonlinear.scalar.GoalType;

/**
 * The simplex solver behind every linear program of the audit and the protection: columns are
 * non-negative, rows are equalities or inequalities. The one class that knows the solver library
 * (Hipparchus, the maintained fork of commons-math3's, with the same defaults; it gave the same
 * documents and was faster in bench/results/disclosure-solvers-2026-12-06.md).
 */
final class Simplex {
  private Simplex() {}

  enum Relation {
    EQ,
    GEQ,
    LEQ
  }

  /** {@code coefficients · x relation value}. */
  record Row(double[] coefficients, Relation relation, double value) {}

  enum Outcome {
    FOUND,
    UNBOUNDED,
    INFEASIBLE
  }

  /** The optimum found ({@code point} and {@code value} only when {@link Outcome#FOUND}). */
  record Solution(Outcome outcome, double[] point, double value) {}

  /** Rows as the solver takes them, prepared once for several objectives. */
  record Rows(LinearConstraintSet constraints) {}

  static Rows rows(List<Row> rows) {
    List<LinearConstraint> constraints = new ArrayList<>(rows.size());
    for (Row row : rows) {
      constraints.add(
          new LinearConstraint(
              row.coefficients(),
              switch (row.relation()) {
                case EQ -> Relationship.EQ;
                case GEQ -> Relationship.GEQ;
                case LEQ -> Relationship.LEQ;
              },
              row.value()));
    }
    return new Rows(new LinearConstraintSet(constraints));
  }

  /**
   * Minimises (or maximises) {@code objective · x} over the rows and {@code x >= 0}.
   *
   * @throws IllegalStateException when the solver gives up (too many iterations)
   */
  static Solution optimise(double[] objective, Rows rows, boolean maximise) {
    try {
      PointValuePair point =
          new SimplexSolver()
              .optimize(
                  new MaxIter(100_000),
                  new LinearObjectiveFunction(objective, 0),
                  rows.constraints(),
                  maximise ? GoalType.MAXIMIZE : GoalType.MINIMIZE,
                  new NonNegativeConstraint(true));
      return new Solution(Outcome.FOUND, point.getPoint(), point.getValue());
    } catch (MathIllegalStateException e) {
      // Hipparchus says why by the exception's specifier, not its class.
      if (e.getSpecifier() == LocalizedOptimFormats.UNBOUNDED_SOLUTION) {
        return new Solution(Outcome.UNBOUNDED, null, Double.NaN);
      }
      if (e.getSpecifier() == LocalizedOptimFormats.NO_FEASIBLE_SOLUTION) {
        return new Solution(Outcome.INFEASIBLE, null, Double.NaN);
      }
      throw new IllegalStateException("the simplex solver gave up: " + e.getMessage(), e);
    }
  }
}
