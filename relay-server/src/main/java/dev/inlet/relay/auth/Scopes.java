package dev.inlet.relay.auth;

import java.util.regex.Pattern;

/**
 * Token scopes: {@code admin} for everything in a tenant, {@code inspect} to read what admin reads
 * (every tenant GET but the token list; no write), {@code consume:{queue}} for one queue.
 */
public final class Scopes {
  public static final String ADMIN = "admin";
  public static final String INSPECT = "inspect";
  public static final String CONSUME_PREFIX = "consume:";
  private static final Pattern QUEUE_NAME = Pattern.compile("^[a-z0-9_-]{1,64}$");

  private Scopes() {}

  public static String consume(String queue) {
    return CONSUME_PREFIX + queue;
  }

  public static boolean isValid(String scope) {
    return ADMIN.equals(scope) || INSPECT.equals(scope)
        || scope != null && scope.startsWith(CONSUME_PREFIX)
        && QUEUE_NAME.matcher(scope.substring(CONSUME_PREFIX.length())).matches();
  }
}
