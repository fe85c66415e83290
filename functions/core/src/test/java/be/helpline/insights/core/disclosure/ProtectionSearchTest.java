package be.helpline.insights.core.disclosure;

import static be.helpline.insights.core.disclosure.TwoByTwo.A;
import static be.helpline.insights.core.disclosure.TwoByTwo.B;
import static be.helpline.insights.core.disclosure.TwoByTwo.C;
import static be.helpline.insights.core.disclosure.TwoByTwo.D;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectionSearchTest {
  private static final DisclosurePolicy THRESHOLD5 = DisclosurePolicy.named("threshold5");

  private final RelationGraph graph = new RelationGraph(TwoByTwo.tabulation());
  private final long[] truth = TwoByTwo.counts(3, 10, 12, 20);

  private ProtectionSearch search(RelationGraph g, long[] counts) {
    return new ProtectionSearch(g, THRESHOLD5, counts, new LinearPrograms());
  }

  private static double[] costs(long[] counts) {
    double[] cost = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      cost[i] = Math.max(counts[i], 1);
    }
    return cost;
  }

  @Test
  void find_closesTheCheapestRectangleAroundALoneSuppression() {
    // Moving a by one takes b, c and d with it (10 + 12 + 20), cheaper than any margin.
    ProtectionSearch.Move move =
        search(graph, truth).find(TwoByTwo.publishedExcept(truth, A), A, costs(truth));

    assertThat(move).isNotNull();
    assertThat(move.partners()).containsExactlyInAnyOrder(B, C, D);
    assertThat(move.moved()).contains(A);
    assertThat(move.cost()).isCloseTo(42, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void find_withoutCost_provesARectangleSafeAndFindsNothingForAPinnedFigure() {
    ProtectionSearch search = search(graph, truth);

    ProtectionSearch.Move safe = search.find(TwoByTwo.publishedExcept(truth, A, B, C, D), A, null);
    ProtectionSearch.Move none = search.find(TwoByTwo.publishedExcept(truth, A), A, null);

    assertThat(safe).isNotNull();
    assertThat(safe.partners()).isEmpty();
    assertThat(safe.moved()).contains(A);
    assertThat(none).isNull();
  }

  @Test
  void find_hidesAZeroBesideACount_butNotAZeroAmongZeros() {
    // t = a + z + e with a = 3, z = 0, e = 10: hiding z (as 0 to 4) costs what a count of 1 does.
    Tabulation alone = new Tabulation();
    int t = alone.figure("t");
    int a = alone.figure("a");
    int z = alone.figure("z");
    int e = alone.figure("e");
    alone.sum(t, List.of(a, z, e));
    long[] counts = {13, 3, 0, 10};
    Cell[] cells = {
      Cell.published(13),
      Cell.suppressed(Suppression.PRIMARY),
      Cell.published(0),
      Cell.published(10)
    };

    ProtectionSearch.Move hideZero =
        search(new RelationGraph(alone), counts).find(cells, a, costs(counts));
    assertThat(hideZero.partners()).containsExactly(z);

    // z also sums to zero with another zero: hidden, that sum would pin it, so e is hidden instead.
    Tabulation among = new Tabulation();
    for (String id : List.of("t", "a", "z", "e", "s", "y")) {
      among.figure(id);
    }
    among.sum(0, List.of(1, 2, 3));
    among.sum(4, List.of(2, 5));
    long[] more = {13, 3, 0, 10, 0, 0};
    Cell[] moreCells = java.util.Arrays.copyOf(cells, 6);
    moreCells[4] = Cell.published(0);
    moreCells[5] = Cell.published(0);

    ProtectionSearch.Move hideCount =
        search(new RelationGraph(among), more).find(moreCells, 1, costs(more));
    assertThat(hideCount.partners()).containsExactly(3);
  }

  @Test
  void protection_countsItsProgramsInTheRunsCounter() {
    LinearPrograms programs = new LinearPrograms();
    ProtectionSearch search = new ProtectionSearch(graph, THRESHOLD5, truth, programs);

    search.protection(TwoByTwo.publishedExcept(truth, A), A, costs(truth));

    // One LP per direction the target may move in (a = 3 may go down to 2 or up to 4).
    assertThat(programs.solved()).isEqualTo(2);
  }
}
