package be.helpline.insights.core.disclosure;

import static be.helpline.insights.core.disclosure.TwoByTwo.A;
import static be.helpline.insights.core.disclosure.TwoByTwo.B;
import static be.helpline.insights.core.disclosure.TwoByTwo.C;
import static be.helpline.insights.core.disclosure.TwoByTwo.COL1;
import static be.helpline.insights.core.disclosure.TwoByTwo.D;
import static be.helpline.insights.core.disclosure.TwoByTwo.ROW1;
import static be.helpline.insights.core.disclosure.TwoByTwo.TOTAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelationGraphTest {
  private final RelationGraph graph = new RelationGraph(TwoByTwo.tabulation());

  @Test
  void relationsOf_namesEverySumAFigureTakesPartIn() {
    assertThat(graph.size()).isEqualTo(9);
    assertThat(graph.relationsOf(A)).containsExactly(0, 2); // row1 = a + b, col1 = a + c
    assertThat(graph.relationsOf(TOTAL)).containsExactly(4, 5);
    assertThat(graph.relation(0).members()).containsExactly(A, B, ROW1);
  }

  @Test
  void satisfies_checksEveryBoundAndEveryRelation() {
    long[] point = TwoByTwo.counts(3, 10, 12, 20);
    double[] lo = new double[9];
    double[] hi = new double[9];
    java.util.Arrays.fill(hi, Double.POSITIVE_INFINITY);

    assertThat(graph.satisfies(point, lo, hi)).isTrue();
    long[] broken = point.clone();
    broken[A] = 4; // row1 and col1 no longer add up
    assertThat(graph.satisfies(broken, lo, hi)).isFalse();
    hi[D] = 19;
    assertThat(graph.satisfies(point, lo, hi)).isFalse();
    assertThat(graph.satisfies(new long[] {1}, lo, hi)).isFalse();
  }

  @Test
  void near_growsRingByRingThroughFreeFiguresOnly() {
    // One relation from a: its row and column sums.
    assertThat(graph.near(A, i -> true, 1, 100)).containsExactly(A, B, ROW1, C, COL1);
    // The limit cuts the ring.
    assertThat(graph.near(A, i -> true, 1, 3)).containsExactly(A, B, ROW1);
    // A figure that is not free is neither taken nor walked through.
    assertThat(graph.near(A, i -> i <= D, 2, 100)).containsExactly(A, B, C, D);
  }

  @Test
  void nearest_takesSmallSumsFirst() {
    Tabulation t = new Tabulation();
    int month = t.figure("month");
    int other = t.figure("other");
    int quarter = t.figure("quarter");
    List<Integer> wide = new java.util.ArrayList<>(List.of(month));
    for (int i = 0; i < 6; i++) {
      wide.add(t.figure("code" + i));
    }
    int table = t.figure("table");
    t.sum(table, wide); // a sum of 7 members and its whole
    t.sum(quarter, List.of(month, other)); // a sum of 2 and its whole
    RelationGraph g = new RelationGraph(t);

    List<Integer> nearest = g.nearest(List.of(month), i -> true, 3);

    assertThat(nearest).containsExactly(month, other, quarter);
    assertThat(g.nearest(List.of(month), i -> i != other, 2)).containsExactly(month, quarter);
  }

  @Test
  void components_linkOnlyThroughFiguresThatAreLinked() {
    RelationGraph.Components all = graph.components(i -> true);
    assertThat(all.root(D)).isEqualTo(all.root(A)).isEqualTo(A);

    // The four cells are linked through the sums they share; a margin not linked stays alone.
    RelationGraph.Components cells = graph.components(i -> i <= D);
    assertThat(List.of(cells.root(B), cells.root(C), cells.root(D))).containsOnly(A);
    assertThat(cells.root(ROW1)).isEqualTo(ROW1);
    // a and d share no relation: each is a component of its own.
    RelationGraph.Components diagonal = graph.components(i -> i == A || i == D);
    assertThat(diagonal.root(D)).isEqualTo(D);
    assertThat(diagonal.root(COL1)).isEqualTo(COL1);
  }
}
