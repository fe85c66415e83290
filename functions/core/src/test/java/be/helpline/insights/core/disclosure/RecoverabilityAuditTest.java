package be.helpline.insights.core.disclosure;

import static be.helpline.insights.core.disclosure.TwoByTwo.A;
import static be.helpline.insights.core.disclosure.TwoByTwo.B;
import static be.helpline.insights.core.disclosure.TwoByTwo.C;
import static be.helpline.insights.core.disclosure.TwoByTwo.D;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoverabilityAuditTest {
  private static final DisclosurePolicy THRESHOLD5 = DisclosurePolicy.named("threshold5");

  private final RelationGraph graph = new RelationGraph(TwoByTwo.tabulation());
  private final long[] truth = TwoByTwo.counts(3, 10, 12, 20);
  private final Cell[] lone = TwoByTwo.publishedExcept(truth, A);
  private final Cell[] rectangle = TwoByTwo.publishedExcept(truth, A, B, C, D);

  private final LinearPrograms programs = new LinearPrograms();
  private final RecoverabilityAudit audit = new RecoverabilityAudit(graph, THRESHOLD5, programs);

  @Test
  void run_namesALoneSuppressionAndPassesARectangle() {
    assertThat(audit.run(lone, null).recoverable()).containsExactly(A);
    RecoverabilityAudit.Result result = audit.run(rectangle, null);
    assertThat(result.recoverable()).isEmpty();
    assertThat(result.consistent()).isTrue();
    assertThat(result.breakingPolicy()).isEmpty();
  }

  @Test
  void run_withAHintThatDoesNotFit_reachesTheSameAnswerFromTheExactBounds() {
    long[] wrong = TwoByTwo.counts(3, 10, 12, 21);
    wrong[TwoByTwo.TOTAL] = 45; // adds up, but d's column says 30 - 10 = 20

    assertThat(audit.run(rectangle, wrong).recoverable()).isEmpty();
    assertThat(audit.run(rectangle, truth).recoverable()).isEmpty();
  }

  @Test
  void run_ofARepublication_provesAgainOnlyWhatSomethingNewReaches() {
    boolean[] unchanged = new boolean[truth.length];
    boolean[] oldRelation = new boolean[graph.relations().size()];
    Arrays.fill(unchanged, true);
    Arrays.fill(oldRelation, true);

    assertThat(audit.run(rectangle, truth, unchanged, oldRelation).recoverable()).isEmpty();
    assertThat(programs.solved()).isZero();

    unchanged[D] = false; // d republished differently: the whole rectangle is proved again
    assertThat(audit.run(rectangle, truth, unchanged, oldRelation).recoverable()).isEmpty();
    assertThat(programs.solved()).isPositive();
  }

  @Test
  void run_ofARepublication_stillNamesWhatPropagationPins() {
    boolean[] unchanged = new boolean[truth.length];
    boolean[] oldRelation = new boolean[graph.relations().size()];
    Arrays.fill(unchanged, true);
    Arrays.fill(oldRelation, true);

    assertThat(audit.run(lone, truth, unchanged, oldRelation).recoverable()).containsExactly(A);
  }

  @Test
  void run_reportsContradictionsAndIllPublishedCounts() {
    Cell[] contradiction = rectangle.clone();
    contradiction[TwoByTwo.ROW1] = Cell.published(50);
    Cell[] small = TwoByTwo.publishedExcept(truth);

    assertThat(audit.run(contradiction, null).consistent()).isFalse();
    assertThat(audit.run(small, null).breakingPolicy()).containsExactly(A);
  }

  @Test
  void atRisk_namesOnlyTheTargetsWithoutAProof() {
    ProtectionSearch search = new ProtectionSearch(graph, THRESHOLD5, truth, programs);

    assertThat(audit.atRisk(lone, search, List.of(A))).containsExactly(A);
    assertThat(audit.atRisk(rectangle, search, List.of(A, B, C, D))).isEmpty();
  }

  @Test
  void pinnedUnderAnySuppression_isWhatNoNewSuppressionCouldSave() {
    Cell[] nothingReleased = new Cell[truth.length];
    Cell[] allButAReleased = lone.clone();
    allButAReleased[A] = null;

    assertThat(audit.pinned(lone)).containsExactly(A);
    assertThat(audit.pinnedUnderAnySuppression(lone, truth, nothingReleased)).isEmpty();
    assertThat(audit.pinnedUnderAnySuppression(lone, truth, allButAReleased)).containsExactly(A);
  }
}
