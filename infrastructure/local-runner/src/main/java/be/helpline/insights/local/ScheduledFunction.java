package be.helpline.insights.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The function with the schedule event: run on its rate (first run one period after start), or now
 * by {@code POST /local/aggregate} and the demo loader. One run at a time, as the schedule's single
 * target.
 */
final class ScheduledFunction implements AutoCloseable {
  private final LocalFunction function;
  private final Template.Schedule schedule;
  private final RunnerLog log;
  private final ReentrantLock oneRunAtATime = new ReentrantLock();
  private ScheduledExecutorService timer;

  ScheduledFunction(LocalFunction function, Template.Schedule schedule, RunnerLog log) {
    this.function = function;
    this.schedule = schedule;
    this.log = log;
  }

  LocalFunction function() {
    return function;
  }

  /** Runs the function with {@code event}, or with the schedule's Input when it is null. */
  byte[] run(byte[] event) throws IOException {
    byte[] input =
        event != null
            ? event
            : (schedule.input() == null ? "{}" : schedule.input()).getBytes(StandardCharsets.UTF_8);
    oneRunAtATime.lock();
    try {
      return function.invoke(input);
    } finally {
      oneRunAtATime.unlock();
    }
  }

  /** Starts the timer; a schedule that is not a rate is logged and left to manual runs. */
  synchronized void start() {
    Duration period;
    try {
      period = RateExpression.parse(schedule.expression());
    } catch (IllegalArgumentException unsupported) {
      log.info("schedule not run locally: " + unsupported.getMessage(), function.name());
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "schedule-" + function.name());
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleAtFixedRate(
        this::scheduledRun, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    log.info("scheduled " + schedule.expression(), function.name());
  }

  private void scheduledRun() {
    long start = System.nanoTime();
    try {
      run(null);
      log.info(
          "scheduled run succeeded in " + (System.nanoTime() - start) / 1_000_000 + " ms",
          function.name());
    } catch (IOException | RuntimeException | LinkageError e) {
      // Anything escaping here would silently cancel every later run.
      log.error("scheduled run failed", function.name(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
