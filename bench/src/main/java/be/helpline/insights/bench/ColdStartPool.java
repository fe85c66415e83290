package be.helpline.insights.bench;

import be.helpline.insights.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Several cold-start runs of the same code taken together: for each function, the ratio of the
 * medians of every launch of all runs, and a 90 % bootstrap interval that resamples each run's
 * launches within that run (a stratified bootstrap: a run's machine state stays with its launches,
 * and each run keeps its weight). Runs are interleaved within themselves, so function and floor
 * meet the same states in the same numbers; absolute times are never compared between runs.
 *
 * <p>Usage: {@code ColdStartPool bench/results/cold-start-….json …}; prints a Markdown table.
 */
public final class ColdStartPool {
  private ColdStartPool() {}

  /** One run's launches of one function: milliseconds to the answer, function and floor. */
  record Run(List<Double> function, List<Double> floor) {}

  public static void main(String[] args) throws Exception {
    Map<String, List<Run>> byFunction = new LinkedHashMap<>();
    for (String file : args) {
      JsonNode result = Json.mapper().readTree(Files.readAllBytes(Path.of(file)));
      for (JsonNode subject : result.path("functions")) {
        byFunction
            .computeIfAbsent(subject.path("function").asText(), name -> new ArrayList<>())
            .add(new Run(answers(subject.path("functionRaw")), answers(subject.path("floorRaw"))));
      }
    }
    System.out.printf("%d runs pooled: %s%n%n", args.length, String.join(", ", args));
    System.out.println(
        "| function | launches each | function / floor median ms | ratio of medians [90 % interval]"
            + " |");
    System.out.println("|---|---|---|---|");
    for (Map.Entry<String, List<Run>> entry : byFunction.entrySet()) {
      List<Run> runs = entry.getValue();
      double[] function = pooled(runs, true, null);
      double[] floor = pooled(runs, false, null);
      double[] interval = interval(runs);
      System.out.printf(
          "| %s | %d | %.0f / %.0f | %.2f [%.2f-%.2f] |%n",
          entry.getKey(),
          function.length,
          median(function),
          median(floor),
          median(function) / median(floor),
          interval[0],
          interval[1]);
    }
  }

  private static List<Double> answers(JsonNode launches) {
    List<Double> answers = new ArrayList<>();
    launches.forEach(launch -> answers.add(launch.path("toAnswer").asDouble()));
    return answers;
  }

  /**
   * Every run's launches of one candidate; resampled within each run when {@code random} is set.
   */
  private static double[] pooled(List<Run> runs, boolean function, Random random) {
    List<Double> all = new ArrayList<>();
    for (Run run : runs) {
      List<Double> sample = function ? run.function() : run.floor();
      for (int i = 0; i < sample.size(); i++) {
        all.add(random == null ? sample.get(i) : sample.get(random.nextInt(sample.size())));
      }
    }
    double[] sorted = all.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  private static double[] interval(List<Run> runs) {
    Random random = new Random(42);
    double[] ratios = new double[2000];
    for (int d = 0; d < ratios.length; d++) {
      ratios[d] = median(pooled(runs, true, random)) / median(pooled(runs, false, random));
    }
    Arrays.sort(ratios);
    return new double[] {
      Stats.quantile(toList(ratios), 0.05), Stats.quantile(toList(ratios), 0.95)
    };
  }

  private static List<Double> toList(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  private static double median(double[] sorted) {
    return Stats.quantile(toList(sorted), 0.5);
  }
}
