package be.helpline.insights.local;

/**
 * Where log lines go: one JSON object per line, standard output by default. Tests pass their own
 * sink to see every line the handlers and the runner write.
 */
@FunctionalInterface
public interface LogSink {
  void write(String line);

  static LogSink standardOutput() {
    return System.out::println;
  }
}
