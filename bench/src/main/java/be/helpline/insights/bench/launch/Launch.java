package be.helpline.insights.bench.launch;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, in a fresh JVM whose class path is this launcher and one function's shaded jar:
 * does what Lambda's Java runtime does for a first invocation (load the handler class, call its
 * public no-arg constructor, call {@code handleRequest} with the event) and prints {@code
 * System.nanoTime()} at each step. On Linux that clock is CLOCK_MONOTONIC, shared by every process
 * on the machine, so the benchmark subtracts the instant it started this process.
 *
 * <p>Usage: {@code Launch <handler class> <event file>} ({@code jackson+<floor class>} for the
 * diagnosis in JacksonWork; {@code primed+<handler class>} to run the handler's SnapStart priming,
 * its CRaC {@code beforeCheckpoint}, after init, as Lambda does before it takes the snapshot).
 * Prints {@code main <ns>}, {@code init <ns>}, {@code ready <ns>} (after priming; init without),
 * {@code answer <ns>} and then {@code output <first 200 chars of the answer>} on stdout; the
 * handler's log lines go to stderr.
 */
public final class Launch {
  private Launch() {}

  public static void main(String[] args) throws Exception {
    long main = System.nanoTime();
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    // "jackson+<floor class>": the diagnosis that adds the functions' JSON work to a floor.
    boolean jackson = args[0].startsWith("jackson+");
    boolean primed = args[0].startsWith("primed+");
    String handlerClass = args[0].substring(args[0].indexOf('+') + 1);
    RequestStreamHandler handler =
        (RequestStreamHandler)
            Class.forName(handlerClass).getConstructor().newInstance(); // Lambda's init phase
    long init = System.nanoTime();
    if (primed) {
      ((org.crac.Resource) handler).beforeCheckpoint(null);
    }
    long ready = System.nanoTime();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    if (jackson) {
      JacksonWork.around(handler, event, output, new BenchContext());
    } else {
      handler.handleRequest(new ByteArrayInputStream(event), output, new BenchContext());
    }
    long answer = System.nanoTime();
    String text = output.toString(StandardCharsets.UTF_8);
    System.out.println("main " + main);
    System.out.println("init " + init);
    System.out.println("ready " + ready);
    System.out.println("answer " + answer);
    // CPU time of every thread so far (JIT and GC included), read after the answer so that it
    // costs the measurement nothing: less sensitive than wall time to other processes' load.
    System.out.println(
        "cpu "
            + ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L));
    System.out.println("output " + text.substring(0, Math.min(200, text.length())));
    System.out.flush();
  }

  /**
   * The least a context can be: the handlers only take its logger. Not local-support's
   * InvocationContext: this process's class path is the launcher and one function's jar, nothing
   * else, so that what it measures is that function's cold start.
   */
  private static final class BenchContext implements Context {
    private final LambdaLogger logger =
        new LambdaLogger() {
          @Override
          public void log(String message) {
            System.err.print(message);
          }

          @Override
          public void log(byte[] message) {
            try {
              System.err.write(message);
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          }
        };

    @Override
    public String getAwsRequestId() {
      return "bench-0001";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/bench";
    }

    @Override
    public String getLogStreamName() {
      return "bench";
    }

    @Override
    public String getFunctionName() {
      return "bench";
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:eu-west-1:123456789012:function:bench";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "0"));
    }

    @Override
    public LambdaLogger getLogger() {
      return logger;
    }
  }
}
