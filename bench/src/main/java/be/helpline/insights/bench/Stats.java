package be.helpline.insights.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample (milliseconds): medians and spreads, never means. */
record Stats(int n, double min, double p25, double median, double p75, double max) {

  static Stats of(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Stats(
        sorted.length,
        sorted[0],
        quantile(sorted, 0.25),
        quantile(sorted, 0.5),
        quantile(sorted, 0.75),
        sorted[sorted.length - 1]);
  }

  /** Linear interpolation between the closest ranks. */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
  }

  /**
   * A 90 % bootstrap interval of median(a) / median(b): both samples resampled with replacement,
   * with a fixed seed so that a result file can be recomputed.
   */
  static double[] ratioInterval(List<Double> a, List<Double> b) {
    java.util.Random random = new java.util.Random(42);
    int draws = 2000;
    double[] ratios = new double[draws];
    for (int d = 0; d < draws; d++) {
      ratios[d] = median(resample(a, random)) / median(resample(b, random));
    }
    Arrays.sort(ratios);
    return new double[] {quantile(ratios, 0.05), quantile(ratios, 0.95)};
  }

  private static double[] resample(List<Double> values, java.util.Random random) {
    double[] drawn = new double[values.size()];
    for (int i = 0; i < drawn.length; i++) {
      drawn[i] = values.get(random.nextInt(values.size()));
    }
    Arrays.sort(drawn);
    return drawn;
  }

  private static double median(double[] sorted) {
    return quantile(sorted, 0.5);
  }

  static double quantile(List<Double> values, double q) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted.length == 0 ? Double.NaN : quantile(sorted, q);
  }
}
