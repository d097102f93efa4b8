package dev.inlet.cli;

import dev.inlet.sdk.InletApiException;
import dev.inlet.sdk.Problem;
import dev.inlet.sdk.StreamListener;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.IntConsumer;

/**
 * What {@code inlet forward} says on stderr about the relay: one line when the stream connects,
 * one when it is lost (not one per retry), and why it gives up when the relay refuses it for good,
 * with the exit code that goes with it. Never the token.
 */
final class RelayStatus implements StreamListener {
  private final URI url;
  private final String tokenSource;
  private final PrintStream err;
  private final IntConsumer exit;
  private boolean everConnected; // the stream thread's

  RelayStatus(URI url, String tokenSource, PrintStream err, IntConsumer exit) {
    this.url = url;
    this.tokenSource = tokenSource;
    this.err = err;
    this.exit = exit;
  }

  @Override
  public void connected(String queue) {
    line((everConnected ? "reconnected to " : "connected to ") + url + ", queue " + queue);
    everConnected = true;
  }

  @Override
  public void disconnected(String queue, String reason) {
    line(everConnected
        ? "lost the relay at " + url + ": " + reason + "; reconnecting"
        : "cannot reach the relay at " + url + ": " + reason + "; retrying");
  }

  @Override
  public void refused(String queue, InletApiException refusal) {
    int status = refusal.status();
    String why = "(" + status + ": " + detail(refusal.problem()) + ")";
    if (status == 401 || status == 403) {
      stop(Forward.EXIT_TOKEN_REFUSED, "the relay refused the token " + why + "; check " + tokenSource);
    } else if (status == 404) {
      stop(Forward.EXIT_NO_QUEUE, "no queue named '" + queue + "' at " + url + " " + why);
    } else {
      stop(Forward.EXIT_REFUSED, "the relay refused the stream " + why);
    }
  }

  private void stop(int code, String message) {
    synchronized (err) {
      err.println("inlet: " + message);
    }
    exit.accept(code);
  }

  private void line(String text) {
    synchronized (err) {
      err.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + text);
    }
  }

  private static String detail(Problem problem) {
    return problem.detail() != null ? problem.detail() : problem.title();
  }
}
