package be.helpline.insights.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local runner with a moto of its own for one end-to-end test class, started before its tests and
 * stopped after them: {@code @RegisterExtension static final LocalRunnerExtension LOCAL = new
 * LocalRunnerExtension();}, then {@code LOCAL.runner()} and {@code LOCAL.http()}.
 */
final class LocalRunnerExtension implements BeforeAllCallback, AfterAllCallback {
  private final LogSink logSink;
  private PrivateRunner runner;
  private RunnerHttp http;

  /** Log lines go nowhere. */
  LocalRunnerExtension() {
    this(line -> {});
  }

  /** Log lines go to {@code logSink} (a test that reads them). */
  LocalRunnerExtension(LogSink logSink) {
    this.logSink = logSink;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    runner = PrivateRunner.start(logSink);
    http = new RunnerHttp(runner);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (runner != null) {
      runner.close();
    }
  }

  PrivateRunner runner() {
    return runner;
  }

  RunnerHttp http() {
    return http;
  }
}
