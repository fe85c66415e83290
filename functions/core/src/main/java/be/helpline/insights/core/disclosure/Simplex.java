package be.helpline.insights.core.disclosure;

import java.util.List;

/**
 * The simplex solver behind every linear program of the audit and the protection: columns are
 * non-negative, rows are equalities or inequalities. The audit and the protection state their
 * programs in these terms; only an implementation knows the solver library.
 */
interface Simplex {
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
  interface Rows {}

  Rows rows(List<Row> rows);

  /**
   * Minimises (or maximises) {@code objective · x} over the rows and {@code x >= 0}.
   *
   * @throws IllegalStateException when the solver gives up (too many iterations)
   */
  Solution optimise(double[] objective, Rows rows, boolean maximise);

  /**
   * The solver named by the system property {@code insights.simplex} ({@code commons-math3}, the
   * default, or {@code hipparchus}): a benchmark compares the two in one JVM.
   */
  static Simplex fromSystemProperty() {
    return switch (System.getProperty("insights.simplex", "commons-math3")) {
      case "commons-math3" -> CommonsMathSimplex.INSTANCE;
      case "hipparchus" -> HipparchusSimplex.INSTANCE;
      default ->
          throw new IllegalArgumentException(
              "insights.simplex: commons-math3 or hipparchus, not "
                  + System.getProperty("insights.simplex"));
    };
  }
}
