package dev.inlet.cli;

/**
 * The exit status of every {@code inlet} command (README, {@code inlet --help}). The same numbers
 * {@code forward} always used, plus three.
 */
public final class Exit {
  /** Done (or stopped with Ctrl-C). */
  public static final int OK = 0;
  /** The relay refused the request for another reason (a 4xx other than below). */
  public static final int REFUSED = 1;
  /** A bad command line, profile or token file. */
  public static final int USAGE = 2;
  /** The relay refused the token (401, 403). */
  public static final int TOKEN_REFUSED = 3;
  /** No such thing (404): queue, endpoint, event, tenant, token. */
  public static final int NOT_FOUND = 4;
  /** It exists already or is in another state (409). */
  public static final int CONFLICT = 5;
  /** The relay cannot be reached, or answered 5xx. */
  public static final int UNREACHABLE = 6;

  static final String HELP = "Exit status: 0 done, 1 refused by the relay (4xx), 2 bad usage,";
  static final String HELP2 = "  3 token refused (401/403), 4 not found (404), 5 conflict (409), 6 relay unreachable or 5xx.";

  private Exit() {}

  /** The status for an HTTP answer the relay refused with. */
  static int forStatus(int status) {
    return switch (status) {
      case 401, 403 -> TOKEN_REFUSED;
      case 404 -> NOT_FOUND;
      case 409 -> CONFLICT;
      default -> status >= 500 ? UNREACHABLE : REFUSED;
    };
  }
}
