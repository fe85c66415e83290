package be.helpline.insights.core.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DisclosureControlTest {
  private final DisclosureControl threshold5 =
      new DisclosureControl(DisclosurePolicy.named("threshold5"));

  /** total = a + b + c (+ d), all published figures. */
  private static Tabulation table(int parts) {
    Tabulation t = new Tabulation();
    int total = t.figure("total");
    List<Integer> cells = new java.util.ArrayList<>();
    for (int i = 0; i < parts; i++) {
      cells.add(t.figure("cell" + i));
    }
    t.sum(total, cells);
    return t;
  }

  @Test
  void protect_singleSmallCellThatEqualsTotalMinusOthers_getsASecondarySuppression() {
    Tabulation t = table(3);
    DisclosureControl.Protection protection = threshold5.protect(t, new long[] {30, 3, 12, 15});

    assertThat(protection.cells().get(1).suppressed()).isEqualTo(Suppression.PRIMARY);
    assertThat(protection.cells().get(2).suppressed()).isEqualTo(Suppression.SECONDARY);
    assertThat(protection.cells().get(0).count()).isEqualTo(30);
    assertThat(protection.cells().get(3).count()).isEqualTo(15);
    assertThat(threshold5.audit(t, protection.cells()).passed()).isTrue();
  }

  @Test
  void protect_zeroIsPublishedAndNeedsNoPartner() {
    Tabulation t = table(3);
    DisclosureControl.Protection protection = threshold5.protect(t, new long[] {30, 0, 12, 18});

    assertThat(protection.cells()).allMatch(cell -> !cell.isSuppressed());
  }

  @Test
  void protect_twoFoursFillingTheirTotal_hideTheZeroBesideThem() {
    // 8 = 4 + 4 + 0: with the zero published, both fours are pinned at the top of 0..4. Hiding the
    // zero (it becomes a primary suppression, 0 to 4) costs less than hiding the total.
    Tabulation t = table(3);
    DisclosureControl.Protection protection = threshold5.protect(t, new long[] {8, 4, 4, 0});

    assertThat(protection.cells().get(0).count()).isEqualTo(8);
    assertThat(protection.cells().get(1).suppressed()).isEqualTo(Suppression.PRIMARY);
    assertThat(protection.cells().get(2).suppressed()).isEqualTo(Suppression.PRIMARY);
    assertThat(protection.cells().get(3).suppressed()).isEqualTo(Suppression.PRIMARY);
    assertThat(threshold5.audit(t, protection.cells()).passed()).isTrue();
    List<Cell> zeroPublished = new java.util.ArrayList<>(protection.cells());
    zeroPublished.set(3, Cell.published(0));
    assertThat(threshold5.audit(t, zeroPublished).recoverable()).containsExactly("cell0", "cell1");
  }

  @Test
  void audit_suppressionRemovedByHand_failsAndNamesTheExposedCell() {
    Tabulation t = table(3);
    List<Cell> cells =
        new java.util.ArrayList<>(threshold5.protect(t, new long[] {30, 3, 12, 15}).cells());
    cells.set(1, Cell.published(3));

    DisclosureControl.AuditReport report = threshold5.audit(t, cells);

    assertThat(report.passed()).isFalse();
    assertThat(report.breakingPolicy()).containsExactly("cell0");
    assertThat(report.recoverable()).containsExactly("cell1");
  }

  @Test
  void audit_rectangleOfSuppressions_isNotRecoverable() {
    Tabulation t = new Tabulation();
    int a = t.figure("a");
    int b = t.figure("b");
    int c = t.figure("c");
    int d = t.figure("d");
    t.sum(t.figure("r1"), List.of(a, b));
    t.sum(t.figure("r2"), List.of(c, d));
    t.sum(t.figure("c1"), List.of(a, c));
    t.sum(t.figure("c2"), List.of(b, d));
    Cell s = Cell.suppressed(Suppression.SECONDARY);
    List<Cell> cells =
        List.of(
            Cell.suppressed(Suppression.PRIMARY),
            s,
            s,
            s,
            Cell.published(11),
            Cell.published(20),
            Cell.published(11),
            Cell.published(20));

    DisclosureControl.AuditReport report = threshold5.audit(t, cells);

    assertThat(report.recoverable()).isEmpty();
    assertThat(report.passed()).isTrue();
  }

  /**
   * a, b and c (6, 7 and 8) suppressed, a+b and b+c published: one degree of freedom, so none is
   * recoverable. With {@code withAc}, a+c is published too, and a = (a+b + a+c - (b+c)) / 2: only
   * the LP sees it, propagation does not.
   */
  private static Tabulation triangle(boolean withAc, boolean withUnrelated) {
    Tabulation t = new Tabulation();
    int a = t.figure("a");
    int b = t.figure("b");
    int c = t.figure("c");
    t.sum(t.figure("ab"), List.of(a, b));
    t.sum(t.figure("bc"), List.of(b, c));
    if (withAc) {
      t.sum(t.figure("ac"), List.of(a, c));
    }
    if (withUnrelated) {
      t.sum(t.figure("de"), List.of(t.figure("d"), t.figure("e")));
    }
    return t;
  }

  private static List<Cell> triangleCells(boolean withAc, boolean withUnrelated) {
    Cell s = Cell.suppressed(Suppression.SECONDARY);
    List<Cell> cells =
        new java.util.ArrayList<>(List.of(s, s, s, Cell.published(13), Cell.published(15)));
    if (withAc) {
      cells.add(Cell.published(14));
    }
    if (withUnrelated) {
      cells.addAll(List.of(Cell.published(20), Cell.published(9), Cell.published(11)));
    }
    return cells;
  }

  @Test
  void audit_republishing_provesAgainAReleasedCellThatANewFigureReaches() {
    Tabulation before = triangle(false, false);
    List<Cell> released = triangleCells(false, false);
    assertThat(threshold5.audit(before, released).passed()).isTrue();

    DisclosureControl.AuditReport report =
        threshold5.audit(triangle(true, false), triangleCells(true, false), null, before, released);

    assertThat(report.recoverable()).containsExactly("a", "b", "c");
  }

  @Test
  void audit_republishing_leavesWhatNoNewFigureReachesAsAuditedBefore() {
    // The previous publication is taken as audited (it passed when it was released): a cell no
    // new figure or relation can reach keeps its verdict, which is what keeps a release's cost
    // off the history. Shown with a previous publication that (wrongly) holds a recoverable one.
    Tabulation before = triangle(true, false);
    List<Cell> released = triangleCells(true, false);
    assertThat(threshold5.audit(before, released).passed()).isFalse();

    DisclosureControl.AuditReport report =
        threshold5.audit(triangle(true, true), triangleCells(true, true), null, before, released);

    assertThat(report.recoverable()).isEmpty();
    assertThat(threshold5.audit(triangle(true, true), triangleCells(true, true)).recoverable())
        .containsExactly("a", "b", "c");
  }

  @Test
  void audit_republishing_provesAgainAReleasedCellWhosePublishedValueChanged() {
    Tabulation before = triangle(true, false);
    List<Cell> released = new java.util.ArrayList<>(triangleCells(true, false));
    released.set(5, Cell.suppressed(Suppression.SECONDARY));

    DisclosureControl.AuditReport report =
        threshold5.audit(triangle(true, false), triangleCells(true, false), null, before, released);

    assertThat(report.recoverable()).containsExactly("a", "b", "c");
  }

  @Test
  void protect_aNewZeroOverAReleasedHiddenZero_isHiddenToo() {
    // Released: a quarter's 2 x 2 table, its zero a and its 3 hidden, 6 and 6 beside them (a
    // rectangle: a+1, b-1, c-1, d+1 keeps every margin), and another quarter's published zero e.
    // New:
    // the year's cell year = a + e, whose true count is 0. Published, it pins a at 0 (year - e); a
    // zero over published zeros alone stays published, but one over a hidden zero must be hidden
    // with it.
    Tabulation t = TwoByTwo.tabulation();
    int e = t.figure("e");
    int year = t.figure("year");
    t.sum(year, List.of(TwoByTwo.A, e));
    long[] quarter = TwoByTwo.counts(0, 6, 6, 3);
    long[] counts = java.util.Arrays.copyOf(quarter, quarter.length + 2);
    Cell[] released =
        java.util.Arrays.copyOf(
            TwoByTwo.publishedExcept(quarter, TwoByTwo.A, TwoByTwo.B, TwoByTwo.C, TwoByTwo.D),
            counts.length);
    released[e] = Cell.published(0);

    DisclosureControl.Protection protection = threshold5.protect(t, counts, released);

    assertThat(protection.cells().get(year).suppressed()).isEqualTo(Suppression.PRIMARY);
    assertThat(threshold5.audit(t, protection.cells()).passed()).isTrue();
    List<Cell> yearPublished = new java.util.ArrayList<>(protection.cells());
    yearPublished.set(year, Cell.published(0));
    assertThat(threshold5.audit(t, yearPublished).recoverable()).contains("a");
  }
}
