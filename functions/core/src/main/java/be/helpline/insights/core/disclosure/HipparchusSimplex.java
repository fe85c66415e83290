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

/** {@link Simplex} by Hipparchus's {@code SimplexSolver} (default settings). */
final class HipparchusSimplex implements Simplex {
  static final HipparchusSimplex INSTANCE = new HipparchusSimplex();

  private HipparchusSimplex() {}

  private record Prepared(LinearConstraintSet set) implements Rows {}

  @Override
  public Rows rows(List<Row> rows) {
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
    return new Prepared(new LinearConstraintSet(constraints));
  }

  @Override
  public Solution optimise(double[] objective, Rows rows, boolean maximise) {
    try {
      PointValuePair point =
          new SimplexSolver()
              .optimize(
                  new MaxIter(100_000),
                  new LinearObjectiveFunction(objective, 0),
                  ((Prepared) rows).set(),
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
      throw new IllegalStateException("the linear program did not converge", e);
    }
  }
}
