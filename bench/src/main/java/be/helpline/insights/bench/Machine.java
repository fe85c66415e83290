package be.helpline.insights.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The facts a result needs beside its numbers: the machine, the JVM, the load at the time. */
final class Machine {
  private Machine() {}

  static List<String> facts(String java) {
    List<String> facts = new ArrayList<>();
    facts.add("nproc: " + Runtime.getRuntime().availableProcessors());
    facts.add("cpu: " + firstLine(Path.of("/proc/cpuinfo"), "model name"));
    facts.add("loadavg at start: " + read(Path.of("/proc/loadavg")));
    facts.add("java -version: " + String.join(" | ", run(java, "-version")));
    facts.add("os: " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return facts;
  }

  static String read(Path path) {
    try {
      return Files.readString(path).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String firstLine(Path path, String prefix) {
    try {
      return Files.readAllLines(path).stream()
          .filter(line -> line.startsWith(prefix))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static List<String> run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out.lines().toList();
    } catch (IOException e) {
      return List.of("unknown");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("unknown");
    }
  }
}
