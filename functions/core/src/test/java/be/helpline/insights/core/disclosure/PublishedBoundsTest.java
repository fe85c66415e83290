package be.helpline.insights.core.disclosure;

import static be.helpline.insights.core.disclosure.TwoByTwo.A;
import static be.helpline.insights.core.disclosure.TwoByTwo.B;
import static be.helpline.insights.core.disclosure.TwoByTwo.C;
import static be.helpline.insights.core.disclosure.TwoByTwo.D;
import static be.helpline.insights.core.disclosure.TwoByTwo.ROW1;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublishedBoundsTest {
  private static final DisclosurePolicy THRESHOLD5 = DisclosurePolicy.named("threshold5");
  private static final DisclosurePolicy ROUND5 = DisclosurePolicy.named("round5");
  private static final double INF = Double.POSITIVE_INFINITY;

  private final RelationGraph graph = new RelationGraph(TwoByTwo.tabulation());

  @Test
  void interval_isWhatACellAloneSays() {
    assertThat(PublishedBounds.interval(THRESHOLD5, null)).containsExactly(0, INF);
    assertThat(PublishedBounds.interval(THRESHOLD5, Cell.suppressed(Suppression.PRIMARY)))
        .containsExactly(0, 4);
    assertThat(PublishedBounds.interval(THRESHOLD5, Cell.suppressed(Suppression.SECONDARY)))
        .containsExactly(5, INF);
    assertThat(PublishedBounds.interval(THRESHOLD5, Cell.published(12))).containsExactly(12, 12);
    assertThat(PublishedBounds.interval(THRESHOLD5, Cell.published(0))).containsExactly(0, 0);
    // round5 (1 to 7 suppressed, the rest rounded to 5): a published c stands for c-2..c+2, and
    // at least 8 where not zero.
    assertThat(PublishedBounds.interval(ROUND5, Cell.published(10))).containsExactly(8, 12);
    assertThat(PublishedBounds.interval(ROUND5, Cell.published(20))).containsExactly(18, 22);
    assertThat(PublishedBounds.interval(ROUND5, Cell.suppressed(Suppression.PRIMARY)))
        .containsExactly(0, 7);
  }

  @Test
  void propagation_pinsALoneSuppressionByDifference() {
    long[] counts = TwoByTwo.counts(3, 10, 12, 20);

    PublishedBounds lone =
        PublishedBounds.of(graph, THRESHOLD5, TwoByTwo.publishedExcept(counts, A));

    assertThat(lone.consistent()).isTrue();
    assertThat(lone.pinned(A)).isTrue();
    assertThat(lone.lo()[A]).isEqualTo(3);
  }

  @Test
  void propagation_leavesARectangleOfSuppressionsOpen() {
    long[] counts = TwoByTwo.counts(3, 10, 12, 20);

    PublishedBounds rectangle =
        PublishedBounds.of(graph, THRESHOLD5, TwoByTwo.publishedExcept(counts, A, B, C, D));

    assertThat(rectangle.consistent()).isTrue();
    assertThat(rectangle.pinned(A)).isFalse();
    // a is 0..4 as published; b = 13 - a narrows to 9..13 by difference with row1.
    assertThat(rectangle.lo()[A]).isEqualTo(0);
    assertThat(rectangle.hi()[A]).isEqualTo(4);
    assertThat(rectangle.lo()[B]).isEqualTo(9);
    assertThat(rectangle.hi()[B]).isEqualTo(13);
    assertThat(rectangle.pinned(ROW1)).isTrue();
  }

  @Test
  void contradictionsAndIllPublishedFigures_areReported() {
    long[] counts = TwoByTwo.counts(3, 10, 12, 20);
    Cell[] cells = TwoByTwo.publishedExcept(counts, A, B, C, D);
    cells[ROW1] = Cell.published(50); // a + b is at most 4 + 25 by the columns
    assertThat(PublishedBounds.of(graph, THRESHOLD5, cells).consistent()).isFalse();

    Cell[] small = TwoByTwo.publishedExcept(counts);
    assertThat(PublishedBounds.of(graph, THRESHOLD5, small).breakingPolicy()).containsExactly(A);
    Cell[] unrounded = TwoByTwo.publishedExcept(TwoByTwo.counts(10, 10, 10, 10));
    unrounded[C] = Cell.published(11);
    assertThat(PublishedBounds.of(graph, ROUND5, unrounded).breakingPolicy()).containsExactly(C);
    assertThat(PublishedBounds.of(graph, ROUND5, unrounded).consistent()).isTrue();
  }
}
