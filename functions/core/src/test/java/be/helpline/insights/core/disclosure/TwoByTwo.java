package be.helpline.insights.core.disclosure;

import java.util.List;

/**
 * A two-by-two table with its margins, the smallest tabulation where suppression has a choice:
 *
 * <pre>
 *   a    b    | row1
 *   c    d    | row2
 *   col1 col2 | total
 * </pre>
 *
 * Figures are indexed in that order: a, b, c, d, row1, row2, col1, col2, total.
 */
final class TwoByTwo {
  static final int A = 0;
  static final int B = 1;
  static final int C = 2;
  static final int D = 3;
  static final int ROW1 = 4;
  static final int ROW2 = 5;
  static final int COL1 = 6;
  static final int COL2 = 7;
  static final int TOTAL = 8;

  private TwoByTwo() {}

  static Tabulation tabulation() {
    Tabulation t = new Tabulation();
    for (String id : List.of("a", "b", "c", "d", "row1", "row2", "col1", "col2", "total")) {
      t.figure(id);
    }
    t.sum(ROW1, List.of(A, B));
    t.sum(ROW2, List.of(C, D));
    t.sum(COL1, List.of(A, C));
    t.sum(COL2, List.of(B, D));
    t.sum(TOTAL, List.of(ROW1, ROW2));
    t.sum(TOTAL, List.of(COL1, COL2));
    return t;
  }

  /** The counts of a, b, c and d with every margin added up. */
  static long[] counts(long a, long b, long c, long d) {
    return new long[] {a, b, c, d, a + b, c + d, a + c, b + d, a + b + c + d};
  }

  /** Every count published, except the figures named, which are suppressed (primary if below 5). */
  static Cell[] publishedExcept(long[] counts, int... suppressed) {
    Cell[] cells = new Cell[counts.length];
    for (int i = 0; i < counts.length; i++) {
      cells[i] = Cell.published(counts[i]);
    }
    for (int i : suppressed) {
      cells[i] = Cell.suppressed(counts[i] < 5 ? Suppression.PRIMARY : Suppression.SECONDARY);
    }
    return cells;
  }
}
