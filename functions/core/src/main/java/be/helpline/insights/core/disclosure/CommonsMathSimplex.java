package be.helpline.insights.core.disclosure;

import java.util.ArrayList;
import java.util.List;
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

/** {@link Simplex} by commons-math3's {@code SimplexSolver} (default settings). */
final class CommonsMathSimplex implements Simplex {
  static final CommonsMathSimplex INSTANCE = new CommonsMathSimplex();

  private CommonsMathSimplex() {}

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
    } catch (UnboundedSolutionException e) {
      return new Solution(Outcome.UNBOUNDED, null, Double.NaN);
    } catch (NoFeasibleSolutionException e) {
      return new Solution(Outcome.INFEASIBLE, null, Double.NaN);
    } catch (TooManyIterationsException e) {
      throw new IllegalStateException("the linear program did not converge", e);
    }
  }
}
