package dev.inlet.relay.app;

import java.util.List;
import java.util.Optional;

/**
 * The relay's command line: it is configured by {@code INLET_*} variables only, so it takes no
 * arguments but {@code --help} and {@code --version}, which answer without starting anything; any
 * other argument is refused (exit 2) rather than ignored.
 */
final class CommandLine {
  /** What to print and the exit status, when the arguments say not to start. */
  record Answer(String text, int exitCode) {}

  private CommandLine() {}

  static Optional<Answer> answer(String[] args, String version) {
    if (args.length == 0) {
      return Optional.empty();
    }
    List<String> list = List.of(args);
    if (list.contains("--help") || list.contains("-h")) {
      return Optional.of(new Answer(help(version), 0));
    }
    if (list.contains("--version") || list.contains("-V")) {
      return Optional.of(new Answer("inlet-relay " + version, 0));
    }
    return Optional.of(new Answer("inlet-relay: unknown argument '" + args[0]
        + "': the relay takes no arguments, only INLET_* environment variables (--help lists them)", 2));
  }

  static String version() {
    String v = CommandLine.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }

  static String help(String version) {
    return String.join("\n",
        "Usage: java -jar inlet-relay.jar [--help | --version]",
        "",
        "Inlet " + version + ": a self-hostable, multi-tenant webhook relay with a pull queue API.",
        "Started without arguments it runs until SIGTERM or Ctrl-C (a graceful stop), configured only by",
        "environment variables; every one, with its default, is in docs/operations.md. The main ones:",
        "",
        "  INLET_HTTP_HOST, INLET_HTTP_PORT   where it listens (default 0.0.0.0:8080)",
        "  INLET_PUBLIC_URL                   the URL providers post to (default http://localhost:PORT)",
        "  INLET_DATABASE_URL                 postgresql://… (default: an embedded PostgreSQL in INLET_DATA_DIR)",
        "  INLET_DATA_DIR                     data directory (default ./inlet-data)",
        "  INLET_OPERATOR_TOKEN               the operator token (default: made at first start, kept in the data dir)",
        "  INLET_JWT_SECRET, INLET_SECRET_KEY token signing and secrets-at-rest keys (default: made and kept)",
        "  INLET_SHUTDOWN_TIMEOUT_SECONDS     how long a stop waits for in-flight work",
        "",
        "  --help, -h      print this and exit",
        "  --version, -V   print the version and exit",
        "",
        "The first start prints an operator token and the admin token of tenant 'default'. The inlet",
        "command line (bin/inlet) talks to a running relay: bin/inlet --help.");
  }
}
