package be.helpline.insights.local;

import be.helpline.insights.testing.MotoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * A local runner on a free port with a moto server of its own, for end-to-end tests whose figures
 * must not mix with other tests' data. Closing it stops both.
 */
final class PrivateRunner implements AutoCloseable {
  private final MotoServer moto;
  private final LocalRunner runner;

  private PrivateRunner(MotoServer moto, LocalRunner runner) {
    this.moto = moto;
    this.runner = runner;
  }

  static PrivateRunner start(LogSink logSink) {
    return start(logSink, UnaryOperator.identity());
  }

  /**
   * With the functions calling {@code inFront.apply(moto's endpoint)} instead of moto itself (a
   * proxy that injects faults).
   */
  static PrivateRunner start(LogSink logSink, UnaryOperator<URI> inFront) {
    MotoServer moto = MotoServer.startPrivate();
    try {
      return new PrivateRunner(
          moto,
          LocalRunner.start(
              Options.quiet(LocalRunner.projectRoot(), inFront.apply(moto.endpoint()))
                  .withLogSink(logSink)));
    } catch (IOException e) {
      moto.stop();
      throw new UncheckedIOException(e);
    }
  }

  URI baseUri() {
    return runner.baseUri();
  }

  URI emulator() {
    return moto.endpoint();
  }

  /**
   * The beacon function's ORIGIN_SECRET: what the public distribution sends as X-Origin-Verify, so
   * a test that plays CloudFront sends it too.
   */
  String originSecret() {
    return environment("BeaconFunction").get("ORIGIN_SECRET");
  }

  /** A function's environment as the runner set it up from template.yaml. */
  java.util.Map<String, String> environment(String logicalId) {
    return runner.functions().stream()
        .filter(function -> function.logicalId().equals(logicalId))
        .findFirst()
        .orElseThrow()
        .environment();
  }

  @Override
  public void close() {
    runner.close();
    moto.stop();
  }
}
