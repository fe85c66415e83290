package be.helpline.insights.core.disclosure;

import static be.helpline.insights.core.disclosure.TwoByTwo.A;
import static be.helpline.insights.core.disclosure.TwoByTwo.B;
import static be.helpline.insights.core.disclosure.TwoByTwo.C;
import static be.helpline.insights.core.disclosure.TwoByTwo.D;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearProgramsTest {
  private final RelationGraph graph = new RelationGraph(TwoByTwo.tabulation());

  /** The rectangle a, b, c, d suppressed around the margins of 3, 10, 12, 20. */
  private final PublishedBounds rectangle =
      PublishedBounds.of(
          graph,
          DisclosurePolicy.named("threshold5"),
          TwoByTwo.publishedExcept(TwoByTwo.counts(3, 10, 12, 20), A, B, C, D));

  private final List<Integer> cells = List.of(A, B, C, D);
  private final Map<Integer, Integer> column = Map.of(A, 0, B, 1, C, 2, D, 3);

  @Test
  void optimise_findsEachBoundOfTheRectangleAndCountsItsPrograms() {
    LinearPrograms programs = new LinearPrograms();
    Simplex.Rows rows =
        LinearPrograms.constraints(graph, cells, column, rectangle.lo(), rectangle.hi(), null);
    double[] seenMin = new double[4];
    double[] seenMax = new double[4];
    Arrays.fill(seenMin, Double.POSITIVE_INFINITY);
    Arrays.fill(seenMax, Double.NEGATIVE_INFINITY);

    double[] a = LinearPrograms.unit(4, 0);
    assertThat(programs.optimise(a, false, rows, seenMin, seenMax))
        .isEqualTo(LinearPrograms.Bound.FOUND);
    assertThat(programs.optimise(a, true, rows, seenMin, seenMax))
        .isEqualTo(LinearPrograms.Bound.FOUND);

    // Columns are excesses over the lower bounds: a moves over its whole 0..4, b over 9..13.
    assertThat(seenMin[0]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(seenMax[0]).isCloseTo(4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(seenMax[1] - seenMin[1]).isCloseTo(4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(LinearPrograms.certified(seenMin[0], seenMax[0])).isTrue();
    assertThat(programs.solved()).isEqualTo(2);
  }

  @Test
  void optimise_saysWhenNothingIsFeasibleOrNothingBoundsTheObjective() {
    LinearPrograms programs = new LinearPrograms();
    double[] none = new double[1];
    Simplex.Rows contradiction =
        Simplex.rows(
            List.of(
                new Simplex.Row(new double[] {1}, Simplex.Relation.GEQ, 2),
                new Simplex.Row(new double[] {1}, Simplex.Relation.LEQ, 1)));
    Simplex.Rows open =
        Simplex.rows(List.of(new Simplex.Row(new double[] {1}, Simplex.Relation.GEQ, 2)));

    assertThat(programs.optimise(new double[] {1}, false, contradiction, none, none))
        .isEqualTo(LinearPrograms.Bound.INFEASIBLE);
    assertThat(programs.optimise(new double[] {1}, true, open, none, none))
        .isEqualTo(LinearPrograms.Bound.UNBOUNDED);
    assertThat(programs.solved()).isEqualTo(2);
    assertThat(new LinearPrograms().solved()).isZero();
  }

  @Test
  void constraints_holdFiguresOutsideTheColumnsAtThePoint() {
    // Only a is a column; b, c, d held at the true counts: a cannot move at all.
    long[] truth = TwoByTwo.counts(3, 10, 12, 20);
    Simplex.Rows rows =
        LinearPrograms.constraints(
            graph, List.of(A), Map.of(A, 0), rectangle.lo(), rectangle.hi(), truth);
    LinearPrograms programs = new LinearPrograms();
    double[] seenMin = {Double.POSITIVE_INFINITY};
    double[] seenMax = {Double.NEGATIVE_INFINITY};

    programs.optimise(new double[] {1}, false, rows, seenMin, seenMax);
    programs.optimise(new double[] {1}, true, rows, seenMin, seenMax);

    assertThat(seenMin[0]).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(seenMax[0]).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(LinearPrograms.certified(seenMin[0], seenMax[0])).isFalse();
  }
}
