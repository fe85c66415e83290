package be.helpline.insights.bench;

import be.helpline.insights.core.json.Json;
import be.helpline.insights.local.Emulator;
import be.helpline.insights.local.LocalRunner;
import be.helpline.insights.local.Options;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * SPEC section 7, cold start: for each function, fresh JVMs with Lambda's flags, from process start
 * to the first answer against a local moto, compared with its floor (a minimal handler making the
 * same first AWS call(s) with the same client setup) measured in the same run, interleaved.
 *
 * <p>Usage: {@code ColdStartBench [rounds]} (default 10), from the project root ({@code make
 * bench-cold}). Writes {@code bench/results/cold-start-<date>.md} and {@code .json}.
 */
public final class ColdStartBench {
  static final double BAR = 1.2;
  private static final String LAUNCH = "be.helpline.insights.bench.launch.Launch";

  /** A function of template.yaml, the event it is invoked with and its floor. */
  record Subject(String name, LocalRunner.FunctionSetup setup, String event, String floorClass) {}

  /**
   * One fresh JVM: milliseconds from process start to main, to the end of init, to the answer;
   * whether a storage call was given up on the way (the click's count lost to its time budget).
   */
  record Launch(
      double toMain,
      double toInit,
      double toReady,
      double toAnswer,
      double cpu,
      String output,
      boolean gaveUp) {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    boolean diagnose = List.of(args).contains("--diagnose");
    Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
    Path work = Files.createDirectories(root.resolve("bench/target/cold-start"));
    String java = ProcessHandle.current().info().command().orElse("java");
    String launcherClasses = root.resolve("bench/target/classes").toString();
    List<String> machine = Machine.facts(java);

    try (Emulator moto = Emulator.startMoto(root, Emulator.freePort(), work.resolve("moto.log"))) {
      List<LocalRunner.FunctionSetup> setups = prepare(root, moto);
      List<Subject> subjects = subjects(setups);
      System.out.printf(
          "cold start: %d rounds x %d functions x 2, moto at %s%n",
          rounds, subjects.size(), moto.endpoint());

      if (diagnose) {
        diagnose(rounds, root, java, launcherClasses, work, machine, subjects);
        return;
      }
      if (List.of(args).contains("--hold")) {
        hold(root, java, launcherClasses, work, subjects);
        return;
      }
      if (List.of(args).contains("--primed")) {
        primed(rounds, root, java, launcherClasses, work, machine, subjects);
        return;
      }
      // Untimed: one launch of each, so that the files are in the page cache for every timed one.
      for (Subject subject : subjects) {
        launch(java, launcherClasses, root, subject, subject.setup().handlerClass(), work, null);
        launch(java, launcherClasses, root, subject, subject.floorClass(), work, null);
      }

      Map<String, List<Launch>> functions = new LinkedHashMap<>();
      Map<String, List<Launch>> floors = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        for (Subject subject : subjects) {
          // A B, then B A: neither candidate always runs first.
          boolean functionFirst = round % 2 == 0;
          for (int i = 0; i < 2; i++) {
            boolean function = (i == 0) == functionFirst;
            String handler = function ? subject.setup().handlerClass() : subject.floorClass();
            Launch result = launch(java, launcherClasses, root, subject, handler, work, null);
            (function ? functions : floors)
                .computeIfAbsent(subject.name(), k -> new ArrayList<>())
                .add(result);
          }
        }
        System.out.printf("  round %d/%d done%n", round + 1, rounds);
      }

      // Untimed: what each loads (unified logging costs time, so never in the timed launches).
      Map<String, ClassLoads> functionLoads = new LinkedHashMap<>();
      Map<String, ClassLoads> floorLoads = new LinkedHashMap<>();
      for (Subject subject : subjects) {
        functionLoads.put(
            subject.name(),
            classLoads(java, launcherClasses, root, subject, subject.setup().handlerClass(), work));
        floorLoads.put(
            subject.name(),
            classLoads(java, launcherClasses, root, subject, subject.floorClass(), work));
      }

      report(root, rounds, machine, subjects, functions, floors, functionLoads, floorLoads);
    }
  }

  /**
   * Where a function's extra time goes: function, floor and floor plus the functions' JSON work
   * (JacksonWork), rotated each round so that each takes each position. Not the bar: a diagnosis.
   */
  private static void diagnose(
      int rounds,
      Path root,
      String java,
      String launcherClasses,
      Path work,
      List<String> machine,
      List<Subject> subjects)
      throws IOException, InterruptedException {
    String[] kinds = {"function", "floor", "floor+jackson"};
    Map<String, Map<String, List<Launch>>> results = new LinkedHashMap<>();
    for (Subject subject : subjects) {
      launch(java, launcherClasses, root, subject, "jackson+" + subject.floorClass(), work, null);
    }
    for (int round = 0; round < rounds; round++) {
      for (Subject subject : subjects) {
        for (int i = 0; i < kinds.length; i++) {
          String kind = kinds[(i + round) % kinds.length];
          String handler =
              switch (kind) {
                case "function" -> subject.setup().handlerClass();
                case "floor" -> subject.floorClass();
                default -> "jackson+" + subject.floorClass();
              };
          results
              .computeIfAbsent(subject.name(), k -> new LinkedHashMap<>())
              .computeIfAbsent(kind, k -> new ArrayList<>())
              .add(launch(java, launcherClasses, root, subject, handler, work, null));
        }
      }
      System.out.printf("  round %d/%d done%n", round + 1, rounds);
    }
    Instant now = Instant.now();
    StringBuilder md = new StringBuilder();
    md.append("# Cold start diagnosis, ").append(now).append("\n\n");
    md.append("Command: `make bench-cold ROUNDS=")
        .append(rounds)
        .append(" COLD_FLAGS=--diagnose`.")
        .append(" Function, floor, and floor + the functions' JSON work (the project's Jackson")
        .append(" mapper reads the event and writes the answer: `bench/.../launch/JacksonWork`),")
        .append(" rotated each round. Medians in ms from process start (min-max); ratios to the")
        .append(" floor's median.\n\n");
    machine.forEach(fact -> md.append("- ").append(fact).append('\n'));
    md.append("\n| function | function | floor | floor+jackson | function/floor |")
        .append(
            " (floor+jackson)/floor | function/(floor+jackson) | CPU ms function / floor /"
                + " floor+jackson | CPU (floor+jackson)/floor | CPU function/floor |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("benchmark", "cold-start-diagnosis");
    json.put("when", now.toString());
    json.put("rounds", rounds);
    for (Subject subject : subjects) {
      Map<String, List<Launch>> byKind = results.get(subject.name());
      Stats f = Stats.of(byKind.get("function").stream().map(Launch::toAnswer).toList());
      Stats b = Stats.of(byKind.get("floor").stream().map(Launch::toAnswer).toList());
      Stats j = Stats.of(byKind.get("floor+jackson").stream().map(Launch::toAnswer).toList());
      Stats fc = Stats.of(byKind.get("function").stream().map(Launch::cpu).toList());
      Stats bc = Stats.of(byKind.get("floor").stream().map(Launch::cpu).toList());
      Stats jc = Stats.of(byKind.get("floor+jackson").stream().map(Launch::cpu).toList());
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | %.2f | %.2f | %.2f"
                  + " | %.0f / %.0f / %.0f | %.2f | %.2f |%n",
              subject.name(),
              f.median(),
              f.min(),
              f.max(),
              b.median(),
              b.min(),
              b.max(),
              j.median(),
              j.min(),
              j.max(),
              f.median() / b.median(),
              j.median() / b.median(),
              f.median() / j.median(),
              fc.median(),
              bc.median(),
              jc.median(),
              jc.median() / bc.median(),
              fc.median() / bc.median()));
      ObjectNode node = json.putObject(subject.name());
      node.putPOJO("functionMs", f);
      node.putPOJO("floorMs", b);
      node.putPOJO("floorPlusJacksonMs", j);
      node.putPOJO("raw", byKind);
    }
    String date = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
    Path results_ = Files.createDirectories(root.resolve("bench/results"));
    Path mdFile = results_.resolve("cold-start-diagnosis-" + date + ".md");
    Files.writeString(mdFile, md.toString());
    Json.mapper()
        .writerWithDefaultPrettyPrinter()
        .writeValue(results_.resolve("cold-start-diagnosis-" + date + ".json").toFile(), json);
    System.out.println(md);
    System.out.println("written: " + root.relativize(mdFile));
  }

  /** Tables, bucket and a campaign, made by the local runner exactly as {@code make run} does. */
  private static List<LocalRunner.FunctionSetup> prepare(Path root, Emulator moto)
      throws IOException {
    try (LocalRunner runner = LocalRunner.start(Options.quiet(root, moto.endpoint()))) {
      LocalApiClient api = new LocalApiClient(runner.baseUri());
      String campaign =
          LocalApiClient.read(Files.readString(root.resolve("events/campaign-put.json")))
              .path("body")
              .asText();
      api.putCampaign("spring20", campaign);
      return runner.functions();
    }
  }

  private static List<Subject> subjects(List<LocalRunner.FunctionSetup> setups) {
    Map<String, String[]> plan = new LinkedHashMap<>();
    plan.put("BeaconFunction", new String[] {"beacon", "beacon-post.json", "BeaconFloor"});
    plan.put("ClickFunction", new String[] {"click", "click-get.json", "ClickFloor"});
    plan.put(
        "RegistrationFunction",
        new String[] {"registration", "campaigns-get.json", "RegistrationFloor"});
    plan.put(
        "AggregatorFunction",
        new String[] {"aggregator", "aggregator-scheduled.json", "AggregatorFloor"});
    List<Subject> subjects = new ArrayList<>();
    for (LocalRunner.FunctionSetup setup : setups) {
      String[] entry = plan.get(setup.logicalId());
      if (entry == null) {
        throw new IllegalStateException(
            "template.yaml has a function the benchmark does not know: " + setup.logicalId());
      }
      subjects.add(
          new Subject(
              entry[0],
              setup,
              "events/" + entry[1],
              "be.helpline.insights.bench.launch." + entry[2]));
    }
    return subjects;
  }

  /**
   * Lambda's java command line: heap 85 %, metaspace 10 %, code cache 5 % of the function's memory,
   * the serial collector, class data sharing, C1 only; see bench/README.md for the sources.
   */
  static List<String> lambdaFlags(int memoryMb) {
    long kb = memoryMb * 1024L;
    return List.of(
        "-XX:MaxHeapSize=" + (kb * 85 / 100) + "k",
        "-XX:MaxMetaspaceSize=" + (kb * 10 / 100) + "k",
        "-XX:ReservedCodeCacheSize=" + (kb * 5 / 100) + "k",
        "-XX:+UseSerialGC",
        "-Xshare:auto",
        "-XX:+TieredCompilation",
        "-XX:TieredStopAtLevel=1",
        "-Djava.net.preferIPv4Stack=true");
  }

  /**
   * For profiling one launch by hand: writes {@code bench/target/cold-start/<function>.sh} and
   * {@code <function>-floor.sh}, each one launch as the timed runs make it (extra JVM flags from
   * {@code $FLAGS}), then keeps moto up until this process is stopped.
   */
  private static void hold(
      Path root, String java, String launcherClasses, Path work, List<Subject> subjects)
      throws IOException, InterruptedException {
    for (Subject subject : subjects) {
      for (String handler : List.of(subject.setup().handlerClass(), subject.floorClass())) {
        StringBuilder script = new StringBuilder("#!/bin/sh\nexec env -i");
        launchEnvironment(subject)
            .forEach((k, v) -> script.append(" '").append(k).append('=').append(v).append('\''));
        script.append(' ').append(java);
        lambdaFlags(subject.setup().memoryMb()).forEach(flag -> script.append(' ').append(flag));
        script
            .append(" $FLAGS -cp ")
            .append(launcherClasses)
            .append(':')
            .append(root.resolve(subject.setup().codeUri()));
        script
            .append(' ')
            .append(LAUNCH)
            .append(' ')
            .append(handler)
            .append(' ')
            .append(root.resolve(subject.event()))
            .append('\n');
        Path file =
            work.resolve(
                subject.name() + (handler.equals(subject.floorClass()) ? "-floor" : "") + ".sh");
        Files.writeString(file, script);
        file.toFile().setExecutable(true);
        System.out.println("  " + file);
      }
    }
    System.out.println("holding moto; stop this process when done");
    Thread.currentThread().join();
  }

  /** The template's environment for the function, and what Lambda's runtime adds. */
  private static Map<String, String> launchEnvironment(Subject subject) {
    Map<String, String> env = new LinkedHashMap<>(subject.setup().environment());
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(subject.setup().memoryMb()));
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    return env;
  }

  private static Launch launch(
      String java,
      String launcherClasses,
      Path root,
      Subject subject,
      String handler,
      Path work,
      List<String> extraFlags)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(lambdaFlags(subject.setup().memoryMb()));
    if (extraFlags != null) {
      command.addAll(extraFlags);
    }
    command.add("-cp");
    command.add(launcherClasses + ":" + root.resolve(subject.setup().codeUri()));
    command.add(LAUNCH);
    command.add(handler);
    command.add(root.resolve(subject.event()).toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectError(work.resolve("last-stderr.log").toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(launchEnvironment(subject));

    long start = System.nanoTime();
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    Map<String, String> lines =
        out.lines()
            .filter(line -> line.indexOf(' ') > 0)
            .collect(
                Collectors.toMap(
                    line -> line.substring(0, line.indexOf(' ')),
                    line -> line.substring(line.indexOf(' ') + 1),
                    (a, b) -> a));
    String output = lines.getOrDefault("output", "");
    if (exit != 0 || !lines.containsKey("answer") || output.contains("\"statusCode\":5")) {
      throw new IllegalStateException(
          handler
              + " did not answer (exit "
              + exit
              + "): "
              + out
              + "\n"
              + Files.readString(work.resolve("last-stderr.log")));
    }
    return new Launch(
        millis(Long.parseLong(lines.get("main")) - start),
        millis(Long.parseLong(lines.get("init")) - start),
        millis(Long.parseLong(lines.getOrDefault("ready", lines.get("init"))) - start),
        millis(Long.parseLong(lines.get("answer")) - start),
        millis(Long.parseLong(lines.getOrDefault("cpu", "-1000000"))),
        output,
        output.contains("\"read\":false")
            || output.contains("\"counted\":false")
            || Files.readString(work.resolve("last-stderr.log")).contains("click_count_lost"));
  }

  /**
   * SnapStart priming: each HTTP function's first answer after its init, in fresh JVMs of the same
   * kind, unprimed and primed (its CRaC beforeCheckpoint run after init, as before a snapshot),
   * interleaved. What a restored snapshot saves beyond its init is the primed time's gap to the
   * unprimed one. Writes {@code bench/results/priming-<date>.md}.
   */
  private static void primed(
      int rounds,
      Path root,
      String java,
      String launcherClasses,
      Path work,
      List<String> machine,
      List<Subject> subjects)
      throws IOException, InterruptedException {
    List<Subject> http = subjects.stream().filter(s -> !s.name().equals("aggregator")).toList();
    Map<String, List<Double>> unprimed = new LinkedHashMap<>();
    Map<String, List<Double>> primed = new LinkedHashMap<>();
    for (Subject subject : http) {
      launch(java, launcherClasses, root, subject, subject.setup().handlerClass(), work, null);
    }
    for (int round = 0; round < rounds; round++) {
      for (Subject subject : http) {
        for (int i = 0; i < 2; i++) {
          boolean withPriming = (i == 0) == (round % 2 == 0);
          String handler = (withPriming ? "primed+" : "") + subject.setup().handlerClass();
          Launch launch = launch(java, launcherClasses, root, subject, handler, work, null);
          (withPriming ? primed : unprimed)
              .computeIfAbsent(subject.name(), name -> new ArrayList<>())
              .add(launch.toAnswer() - launch.toReady());
        }
      }
      System.out.printf("priming: round %d of %d%n", round + 1, rounds);
    }
    StringBuilder md = new StringBuilder();
    Instant now = Instant.now();
    md.append("# SnapStart priming, ").append(now).append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Command: `make bench-cold ROUNDS=%d COLD_FLAGS=--primed`. For each HTTP function,"
                + " fresh JVMs with Lambda's flags (as the cold-start table), interleaved: the"
                + " first answer after init without priming, and after init and the function's"
                + " priming (its CRaC `beforeCheckpoint`, run in the same JVM before the request,"
                + " as before a SnapStart snapshot). Milliseconds from ready to answered, median"
                + " [90 %% interval of the median's ratio].%n%n",
            rounds));
    machine.forEach(fact -> md.append("- ").append(fact).append('\n'));
    md.append(
        "\n| function | unprimed first answer ms | primed first answer ms | primed / unprimed |\n");
    md.append("|---|---|---|---|\n");
    for (Subject subject : http) {
      List<Double> a = primed.get(subject.name());
      List<Double> b = unprimed.get(subject.name());
      double[] interval = Stats.ratioInterval(a, b);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f | %.2f [%.2f-%.2f] |%n",
              subject.name(),
              Stats.quantile(b, 0.5),
              Stats.quantile(a, 0.5),
              Stats.quantile(a, 0.5) / Stats.quantile(b, 0.5),
              interval[0],
              interval[1]));
    }
    Path results = Files.createDirectories(root.resolve("bench/results"));
    Path file = results.resolve("priming-" + LocalDate.ofInstant(now, ZoneOffset.UTC) + ".md");
    Files.writeString(file, md.toString());
    System.out.println(md);
    System.out.println("written: " + root.relativize(file));
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }

  /** Classes a launch loads: in all, from the CDS archive, and per top package from the jar. */
  record ClassLoads(int total, int shared, Map<String, Integer> fromJarByPackage) {
    int fromJar() {
      return fromJarByPackage.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private static ClassLoads classLoads(
      String java, String launcherClasses, Path root, Subject subject, String handler, Path work)
      throws IOException, InterruptedException {
    Path log = work.resolve("class-load.log");
    Files.deleteIfExists(log);
    launch(
        java,
        launcherClasses,
        root,
        subject,
        handler,
        work,
        List.of("-Xlog:class+load=info:file=" + log));
    int total = 0;
    int shared = 0;
    Map<String, Integer> byPackage = new TreeMap<>();
    for (String line : Files.readAllLines(log)) {
      int at = line.indexOf("] ");
      if (!line.contains("[class,load]") || at < 0) {
        continue;
      }
      total++;
      String rest = line.substring(line.lastIndexOf("] ") + 2);
      String name = rest.split(" ")[0];
      if (rest.contains("source: shared objects file")) {
        shared++;
      } else if (rest.contains(".jar")) {
        byPackage.merge(topPackage(name), 1, Integer::sum);
      }
    }
    return new ClassLoads(total, shared, byPackage);
  }

  private static String topPackage(String className) {
    String[] parts = className.split("\\.");
    int depth = className.startsWith("software.amazon.awssdk.") ? 4 : 3;
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < Math.min(depth, parts.length - 1); i++) {
      name.append(i == 0 ? "" : ".").append(parts[i]);
    }
    return name.toString();
  }

  private static void report(
      Path root,
      int rounds,
      List<String> machine,
      List<Subject> subjects,
      Map<String, List<Launch>> functions,
      Map<String, List<Launch>> floors,
      Map<String, ClassLoads> functionLoads,
      Map<String, ClassLoads> floorLoads)
      throws IOException {
    Instant now = Instant.now();
    String date = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
    StringBuilder md = new StringBuilder();
    ObjectNode json = Json.mapper().createObjectNode();
    json.put("benchmark", "cold-start");
    json.put("when", now.toString());
    json.put("rounds", rounds);
    json.put("bar", BAR);
    ArrayNode facts = json.putArray("machine");
    machine.forEach(facts::add);
    json.putPOJO("flagsPerMemoryMb1024", lambdaFlags(1024));

    md.append("# Cold start, ").append(now).append("\n\n");
    md.append("Command: `make bench-cold ROUNDS=").append(rounds).append("`. ");
    md.append(
        "Each launch is a fresh JVM with Lambda's flags (see bench/README.md), class path = the"
            + " launcher + the function's shaded jar; time from process start to the first answer"
            + " against a private moto. Function and floor alternate (A B, B A, ...) in one"
            + " run.\n\n");
    machine.forEach(fact -> md.append("- ").append(fact).append('\n'));
    md.append("\n| function | memory | function median (min-max) ms | floor median (min-max) ms |");
    md.append(" ratio of medians [90 % interval] | paired ratio median (min-max) | within 1.2x |");
    md.append(" CPU ms function / floor (medians) | CPU ratio [90 % interval] |");
    md.append(" storage call given up (function / floor) |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    ArrayNode results = json.putArray("functions");
    for (Subject subject : subjects) {
      List<Launch> fn = functions.get(subject.name());
      List<Launch> fl = floors.get(subject.name());
      Stats f = Stats.of(fn.stream().map(Launch::toAnswer).toList());
      Stats b = Stats.of(fl.stream().map(Launch::toAnswer).toList());
      List<Double> paired = new ArrayList<>();
      for (int i = 0; i < Math.min(fn.size(), fl.size()); i++) {
        paired.add(fn.get(i).toAnswer() / fl.get(i).toAnswer());
      }
      Stats p = Stats.of(paired);
      double ratio = f.median() / b.median();
      double[] interval =
          Stats.ratioInterval(
              fn.stream().map(Launch::toAnswer).toList(),
              fl.stream().map(Launch::toAnswer).toList());
      List<Double> fnCpu = fn.stream().map(Launch::cpu).toList();
      List<Double> flCpu = fl.stream().map(Launch::cpu).toList();
      Stats fc = Stats.of(fnCpu);
      Stats bc = Stats.of(flCpu);
      double[] cpuInterval = Stats.ratioInterval(fnCpu, flCpu);
      boolean within = ratio <= BAR;
      // The verdict says when the noise of this run leaves it open.
      String verdict =
          interval[1] <= BAR
              ? "yes"
              : interval[0] > BAR ? "**no**" : within ? "yes (undecided)" : "**no** (undecided)";
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d MB | %.0f (%.0f-%.0f) | %.0f (%.0f-%.0f) | %.2f [%.2f-%.2f] | %.2f"
                  + " (%.2f-%.2f) | %s | %.0f / %.0f | %.2f [%.2f-%.2f] | %d/%d / %d/%d |%n",
              subject.name(),
              subject.setup().memoryMb(),
              f.median(),
              f.min(),
              f.max(),
              b.median(),
              b.min(),
              b.max(),
              ratio,
              interval[0],
              interval[1],
              p.median(),
              p.min(),
              p.max(),
              verdict,
              fc.median(),
              bc.median(),
              fc.median() / bc.median(),
              cpuInterval[0],
              cpuInterval[1],
              fn.stream().filter(Launch::gaveUp).count(),
              fn.size(),
              fl.stream().filter(Launch::gaveUp).count(),
              fl.size()));
      ObjectNode result = results.addObject();
      result.put("function", subject.name());
      result.put("handler", subject.setup().handlerClass());
      result.put("floor", subject.floorClass());
      result.put("jar", subject.setup().codeUri());
      result.put("event", subject.event());
      result.put("memoryMb", subject.setup().memoryMb());
      result.put("ratioOfMedians", ratio);
      result.put("withinBar", within);
      result.put("verdict", verdict);
      result.putPOJO("ratioInterval90", interval);
      result.putPOJO("functionCpuMs", fc);
      result.putPOJO("floorCpuMs", bc);
      result.put("cpuRatioOfMedians", fc.median() / bc.median());
      result.putPOJO("cpuRatioInterval90", cpuInterval);
      result.putPOJO("functionMs", f);
      result.putPOJO("floorMs", b);
      result.putPOJO("pairedRatio", p);
      result.putPOJO("functionPhasesMedianMs", phases(fn));
      result.putPOJO("floorPhasesMedianMs", phases(fl));
      result.putPOJO("functionRaw", fn);
      result.putPOJO("floorRaw", fl);
      result.putPOJO("functionClassLoads", functionLoads.get(subject.name()));
      result.putPOJO("floorClassLoads", floorLoads.get(subject.name()));
    }

    md.append("\nPhases (medians, ms from process start): JVM start to `main`, to the end of the")
        .append(" handler's constructor (Lambda's init), to the first answer.\n\n");
    md.append("| function | candidate | main | init done | answer | init share | invoke share |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (Subject subject : subjects) {
      for (boolean function : new boolean[] {true, false}) {
        Map<String, Double> phase = phases((function ? functions : floors).get(subject.name()));
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n",
                subject.name(),
                function ? "function" : "floor",
                phase.get("main"),
                phase.get("init"),
                phase.get("answer"),
                phase.get("init") - phase.get("main"),
                phase.get("answer") - phase.get("init")));
      }
    }

    md.append("\nClasses loaded (one extra, untimed launch each with `-Xlog:class+load`): all,")
        .append(" from the JDK's CDS archive, from the jar; the jar's top packages where the")
        .append(" function loads more than its floor.\n\n");
    md.append(
        "| function | function: all / CDS / jar | floor: all / CDS / jar | extra jar classes by"
            + " package |\n");
    md.append("|---|---|---|---|\n");
    for (Subject subject : subjects) {
      ClassLoads fn = functionLoads.get(subject.name());
      ClassLoads fl = floorLoads.get(subject.name());
      Map<String, Integer> extra = new TreeMap<>();
      fn.fromJarByPackage()
          .forEach(
              (pkg, count) -> {
                int more = count - fl.fromJarByPackage().getOrDefault(pkg, 0);
                if (more >= 10) {
                  extra.put(pkg, more);
                }
              });
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d / %d / %d | %d / %d / %d | %s |%n",
              subject.name(),
              fn.total(),
              fn.shared(),
              fn.fromJar(),
              fl.total(),
              fl.shared(),
              fl.fromJar(),
              extra.entrySet().stream()
                  .sorted((a, b) -> b.getValue() - a.getValue())
                  .map(e -> e.getKey() + " +" + e.getValue())
                  .collect(Collectors.joining(", "))));
    }

    Path results_ = Files.createDirectories(root.resolve("bench/results"));
    Path mdFile = results_.resolve("cold-start-" + date + ".md");
    Path jsonFile = results_.resolve("cold-start-" + date + ".json");
    Files.writeString(mdFile, md.toString());
    Json.mapper().writerWithDefaultPrettyPrinter().writeValue(jsonFile.toFile(), json);
    System.out.println(md);
    System.out.println("written: " + root.relativize(mdFile) + ", " + root.relativize(jsonFile));
  }

  private static Map<String, Double> phases(List<Launch> launches) {
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put("main", Stats.of(launches.stream().map(Launch::toMain).toList()).median());
    phases.put("init", Stats.of(launches.stream().map(Launch::toInit).toList()).median());
    phases.put("answer", Stats.of(launches.stream().map(Launch::toAnswer).toList()).median());
    return phases;
  }
}
