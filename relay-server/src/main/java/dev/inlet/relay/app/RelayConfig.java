package dev.inlet.relay.app;

import dev.inlet.relay.ingest.GroupCommitter;
import dev.inlet.relay.ingest.RequestLog;
import dev.inlet.relay.queue.ConsumerCaps;
import dev.inlet.relay.secret.SecretKeys;
import dev.inlet.relay.replay.ReplayWorker;
import dev.inlet.relay.tenant.Quotas;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The relay's whole configuration: defaults, then {@code INLET_*} environment variables. Built once
 * at start and validated there; every problem is reported at once. docs/operations.md lists each
 * variable with its default.
 */
public record RelayConfig(
    String httpHost,
    int httpPort,
    String publicUrl,
    String databaseUrl,
    String listenDatabaseUrl,
    Path dataDir,
    String operatorToken,
    String jwtSecret,
    String secretKey,
    List<String> previousSecretKeys,
    int databasePoolSize,
    GroupCommitter.Settings ingestBatching,
    long endpointCacheMillis,
    long queueCacheMillis,
    long streamKeepaliveMillis,
    int httpInstances,
    long housekeepingIntervalMillis,
    int shutdownTimeoutSeconds,
    ConsumerCaps.Limits streamLimits,
    ConsumerCaps.Limits longPollLimits,
    int httpIdleTimeoutSeconds,
    int bodyReadTimeoutSeconds,
    boolean http2ClearText,
    long ingestMaxPendingBytes,
    int adminPoolSize,
    int authPoolSize,
    int verifyFailuresPerSecond,
    int verifyFailureDelayMillis,
    long deliveryMaxBytes,
    boolean bootstrapDefaultTenant,
    int metricsQueueLabelsMax,
    long metricsQueueRefreshMillis,
    int metricsEndpointLabelsMax,
    RequestLog.Settings requestLog,
    ReplayWorker.Settings replay,
    Quotas quotas,
    long quotaCheckMillis) {

  public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String DEFAULT_DATA_DIR = "./inlet-data";
  public static final int DEFAULT_DATABASE_POOL_SIZE = 8;
  public static final int MIN_JWT_SECRET_BYTES = 32;
  public static final int MIN_OPERATOR_TOKEN_LENGTH = 24;
  public static final int DEFAULT_INGEST_BATCH_MAX = 100;
  public static final int DEFAULT_INGEST_BATCH_DELAY_MS = 2;
  public static final int DEFAULT_INGEST_MAX_INFLIGHT = 4;
  /** A batch stops growing past this many body bytes, whatever its count. */
  public static final int INGEST_BATCH_MAX_BYTES = 8 * 1024 * 1024;
  public static final int DEFAULT_ENDPOINT_CACHE_MS = 5_000;
  public static final int DEFAULT_QUEUE_CACHE_MS = 2_000;
  public static final int DEFAULT_STREAM_KEEPALIVE_MS = 15_000;
  /** One HTTP event loop per core; each has its own group committer. */
  public static final int DEFAULT_HOUSEKEEPING_INTERVAL_MS = 60_000;
  public static final int DEFAULT_HTTP_INSTANCES = Runtime.getRuntime().availableProcessors();
  /** How long a stop (SIGTERM) may take to answer what it has read, end streams and close. */
  public static final int DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 30;
  /** Open SSE streams and waiting long polls one tenant, and one token, may hold per node. */
  public static final int DEFAULT_MAX_STREAMS_PER_TENANT = 100;
  public static final int DEFAULT_MAX_STREAMS_PER_TOKEN = 20;
  public static final int DEFAULT_MAX_LONG_POLLS_PER_TENANT = 200;
  public static final int DEFAULT_MAX_LONG_POLLS_PER_TOKEN = 50;
  /** A connection with nothing read or written for this long is closed (long polls wait at most 20 s). */
  public static final int DEFAULT_HTTP_IDLE_TIMEOUT_SECONDS = 60;
  /** An inbound body must arrive whole within this long of its headers. */
  public static final int DEFAULT_BODY_READ_TIMEOUT_SECONDS = 30;
  /** Inbound body bytes a node holds at once until answered; over it, 503 before reading. */
  public static final int DEFAULT_INGEST_MAX_PENDING_BYTES = 256 * 1024 * 1024;
  public static final int DEFAULT_ADMIN_POOL_SIZE = 4;
  public static final int DEFAULT_AUTH_POOL_SIZE = 8;
  /** Signature failures an endpoint may have per second before its requests are refused unread. */
  public static final int DEFAULT_VERIFY_FAILURES_PER_SECOND = 20;
  /** How long a request refused for that budget waits, unread, for its 429 (a tarpit). */
  public static final int DEFAULT_VERIFY_FAILURE_DELAY_MS = 1_000;
  /** Bodies one receive answer, or one stream's unsettled messages, may carry (the first always goes). */
  public static final int DEFAULT_DELIVERY_MAX_BYTES = 16 * 1024 * 1024;
  /** Events one replay batch (one transaction) handles, and how often each node looks for replay jobs. */
  public static final int DEFAULT_REPLAY_BATCH_SIZE = 500;
  public static final int DEFAULT_REPLAY_POLL_MS = 2_000;
  /** How often each node reads which queues are over their backlog quota (and, every 12th time, stored bytes). */
  public static final int DEFAULT_QUOTA_CHECK_MS = 5_000;

  /** Queues with their own {@code queue} label on per-queue meters; the rest are {@code _other}. */
  public static final int DEFAULT_METRICS_QUEUE_LABELS_MAX = 500;
  /** Endpoints with an {@code endpoint} label of their own on per-endpoint meters; the rest are {@code _other}. */
  public static final int DEFAULT_METRICS_ENDPOINT_LABELS_MAX = 500;
  /** How often each node reads every queue's depth for the per-queue gauges. */
  public static final int DEFAULT_METRICS_QUEUE_REFRESH_MS = 10_000;

  /** The values of {@code INLET_LOG_FORMAT} (logback.xml has an appender of each name). */
  public static final List<String> LOG_FORMATS = List.of("text", "json");
  public static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /**
   * logback.xml reads the two itself (logging starts before this runs); a value it cannot use would
   * leave the relay silent or at a level nobody asked for, so it is refused with the others.
   */
  private static void checkLogging(Map<String, String> env, List<String> problems) {
    String format = text(env, "INLET_LOG_FORMAT", "text");
    if (!LOG_FORMATS.contains(format)) {
      problems.add("INLET_LOG_FORMAT must be one of " + String.join(", ", LOG_FORMATS) + " (was '" + format + "')");
    }
    String level = text(env, "INLET_LOG_LEVEL", "INFO");
    if (!LOG_LEVELS.contains(level.toUpperCase(java.util.Locale.ROOT))) {
      problems.add("INLET_LOG_LEVEL must be one of " + String.join(", ", LOG_LEVELS) + " (was '" + level + "')");
    }
  }

  /** Reads the configuration from an environment map, such as {@code System.getenv()}. */
  public static RelayConfig fromEnvironment(Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    String host = text(env, "INLET_HTTP_HOST", DEFAULT_HTTP_HOST);
    int port = integer(env, "INLET_HTTP_PORT", DEFAULT_HTTP_PORT, 0, 65535, problems);
    String publicUrl = text(env, "INLET_PUBLIC_URL", null);
    if (publicUrl != null) {
      publicUrl = stripTrailingSlash(publicUrl);
      if (!isHttpUrl(publicUrl)) {
        problems.add("INLET_PUBLIC_URL must be an absolute http(s) URL, such as https://hooks.example.com");
      }
    }
    String databaseUrl = text(env, "INLET_DATABASE_URL", null);
    if (databaseUrl != null && !databaseUrl.matches("^postgres(ql)?://.+")) {
      problems.add("INLET_DATABASE_URL must look like postgresql://user:password@host:5432/database");
    }
    String listenDatabaseUrl = text(env, "INLET_DATABASE_LISTEN_URL", null);
    if (listenDatabaseUrl != null && !listenDatabaseUrl.matches("^postgres(ql)?://.+")) {
      problems.add("INLET_DATABASE_LISTEN_URL must look like postgresql://user:password@host:5432/database");
    } else if (listenDatabaseUrl != null && databaseUrl == null) {
      problems.add("INLET_DATABASE_LISTEN_URL needs INLET_DATABASE_URL: the embedded database is listened to directly");
    }
    Path dataDir = Path.of(text(env, "INLET_DATA_DIR", DEFAULT_DATA_DIR));
    String operatorToken = text(env, "INLET_OPERATOR_TOKEN", null);
    if (operatorToken != null && operatorToken.length() < MIN_OPERATOR_TOKEN_LENGTH) {
      problems.add("INLET_OPERATOR_TOKEN must be at least " + MIN_OPERATOR_TOKEN_LENGTH + " characters");
    }
    String jwtSecret = text(env, "INLET_JWT_SECRET", null);
    if (jwtSecret != null && jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
      problems.add("INLET_JWT_SECRET must be at least " + MIN_JWT_SECRET_BYTES + " bytes");
    }
    String secretKey = text(env, "INLET_SECRET_KEY", null);
    if (secretKey != null && SecretKeys.decodeKey(secretKey) == null) {
      problems.add("INLET_SECRET_KEY must be " + SecretKeys.KEY_BYTES + " random bytes in base64"
          + " (openssl rand -base64 32)");
    }
    if (secretKey == null && databaseUrl != null) {
      problems.add("INLET_SECRET_KEY is required with INLET_DATABASE_URL: it seals endpoint secrets in the"
          + " database, and every node needs the same one (openssl rand -base64 32)");
    }
    List<String> previousKeys = new ArrayList<>();
    String previous = text(env, "INLET_SECRET_KEYS_PREVIOUS", null);
    if (previous != null) {
      for (String key : previous.split(",")) {
        if (key.isBlank()) {
          continue;
        }
        if (SecretKeys.decodeKey(key) == null) {
          problems.add("INLET_SECRET_KEYS_PREVIOUS must be a comma-separated list of base64 keys of "
              + SecretKeys.KEY_BYTES + " bytes");
          break;
        }
        previousKeys.add(key.trim());
      }
    }
    int poolSize = integer(env, "INLET_DATABASE_POOL_SIZE", DEFAULT_DATABASE_POOL_SIZE, 1, 200, problems);
    GroupCommitter.Settings batching = new GroupCommitter.Settings(
        integer(env, "INLET_INGEST_BATCH_MAX", DEFAULT_INGEST_BATCH_MAX, 1, 1000, problems),
        INGEST_BATCH_MAX_BYTES,
        integer(env, "INLET_INGEST_BATCH_DELAY_MS", DEFAULT_INGEST_BATCH_DELAY_MS, 0, 1000, problems),
        integer(env, "INLET_INGEST_MAX_INFLIGHT", DEFAULT_INGEST_MAX_INFLIGHT, 1, 64, problems));
    int endpointCache = integer(env, "INLET_ENDPOINT_CACHE_MS", DEFAULT_ENDPOINT_CACHE_MS, 0, 600_000, problems);
    int queueCache = integer(env, "INLET_QUEUE_CACHE_MS", DEFAULT_QUEUE_CACHE_MS, 0, 600_000, problems);
    int keepalive = integer(env, "INLET_STREAM_KEEPALIVE_MS", DEFAULT_STREAM_KEEPALIVE_MS, 100, 300_000, problems);
    int httpInstances = integer(env, "INLET_HTTP_INSTANCES", DEFAULT_HTTP_INSTANCES, 1, 256, problems);
    int housekeeping = integer(env, "INLET_HOUSEKEEPING_INTERVAL_MS", DEFAULT_HOUSEKEEPING_INTERVAL_MS, 1_000,
        86_400_000, problems);
    int shutdownTimeout = integer(env, "INLET_SHUTDOWN_TIMEOUT_SECONDS", DEFAULT_SHUTDOWN_TIMEOUT_SECONDS, 1, 3_600,
        problems);
    ConsumerCaps.Limits streams = new ConsumerCaps.Limits(
        integer(env, "INLET_MAX_STREAMS_PER_TENANT", DEFAULT_MAX_STREAMS_PER_TENANT, 1, 100_000, problems),
        integer(env, "INLET_MAX_STREAMS_PER_TOKEN", DEFAULT_MAX_STREAMS_PER_TOKEN, 1, 100_000, problems));
    ConsumerCaps.Limits longPolls = new ConsumerCaps.Limits(
        integer(env, "INLET_MAX_LONG_POLLS_PER_TENANT", DEFAULT_MAX_LONG_POLLS_PER_TENANT, 1, 100_000, problems),
        integer(env, "INLET_MAX_LONG_POLLS_PER_TOKEN", DEFAULT_MAX_LONG_POLLS_PER_TOKEN, 1, 100_000, problems));
    int idleTimeout = integer(env, "INLET_HTTP_IDLE_TIMEOUT_SECONDS", DEFAULT_HTTP_IDLE_TIMEOUT_SECONDS, 1, 86_400,
        problems);
    int bodyTimeout = integer(env, "INLET_BODY_READ_TIMEOUT_SECONDS", DEFAULT_BODY_READ_TIMEOUT_SECONDS, 1, 3_600,
        problems);
    boolean h2c = bool(env, "INLET_HTTP2C", false, problems);
    int adminPool = integer(env, "INLET_ADMIN_POOL_SIZE", DEFAULT_ADMIN_POOL_SIZE, 1, 200, problems);
    int authPool = integer(env, "INLET_AUTH_POOL_SIZE", DEFAULT_AUTH_POOL_SIZE, 1, 200, problems);
    int verifyFailures = integer(env, "INLET_VERIFY_FAILURES_PER_SECOND", DEFAULT_VERIFY_FAILURES_PER_SECOND, 1,
        1_000_000, problems);
    int verifyFailureDelay = integer(env, "INLET_VERIFY_FAILURE_DELAY_MS", DEFAULT_VERIFY_FAILURE_DELAY_MS, 0, 30_000,
        problems);
    int deliveryMax = integer(env, "INLET_DELIVERY_MAX_BYTES", DEFAULT_DELIVERY_MAX_BYTES, 1_024, Integer.MAX_VALUE,
        problems);
    int maxPending = integer(env, "INLET_INGEST_MAX_PENDING_BYTES", DEFAULT_INGEST_MAX_PENDING_BYTES, 65_536,
        Integer.MAX_VALUE, problems);
    int queueLabels = integer(env, "INLET_METRICS_QUEUE_LABELS_MAX", DEFAULT_METRICS_QUEUE_LABELS_MAX, 0, 100_000,
        problems);
    int queueRefresh = integer(env, "INLET_METRICS_QUEUE_REFRESH_MS", DEFAULT_METRICS_QUEUE_REFRESH_MS, 100,
        3_600_000, problems);
    int endpointLabels = integer(env, "INLET_METRICS_ENDPOINT_LABELS_MAX", DEFAULT_METRICS_ENDPOINT_LABELS_MAX, 0,
        100_000, problems);
    RequestLog.Settings requestLog = new RequestLog.Settings(
        integer(env, "INLET_REQUEST_LOG_RETENTION_HOURS", RequestLog.Settings.DEFAULT_RETENTION_HOURS, 1, 8_760,
            problems),
        integer(env, "INLET_REQUEST_LOG_MAX_PER_ENDPOINT", RequestLog.Settings.DEFAULT_MAX_REFUSED_PER_ENDPOINT, 1,
            10_000_000, problems),
        integer(env, "INLET_REQUEST_LOG_FLUSH_MS", RequestLog.Settings.DEFAULT_FLUSH_MILLIS, 10, 600_000, problems));
    ReplayWorker.Settings replay = new ReplayWorker.Settings(
        integer(env, "INLET_REPLAY_BATCH_SIZE", DEFAULT_REPLAY_BATCH_SIZE, 1, 10_000, problems),
        integer(env, "INLET_REPLAY_POLL_MS", DEFAULT_REPLAY_POLL_MS, 100, 600_000, problems));
    Quotas quotas = new Quotas(
        longValue(env, "INLET_QUOTA_MAX_QUEUES", Quotas.DEFAULT_MAX_QUEUES, 0, Integer.MAX_VALUE, problems),
        longValue(env, "INLET_QUOTA_MAX_ENDPOINTS", Quotas.DEFAULT_MAX_ENDPOINTS, 0, Integer.MAX_VALUE, problems),
        longValue(env, "INLET_QUOTA_MAX_BACKLOG", Quotas.DEFAULT_MAX_BACKLOG_PER_QUEUE, 1, Long.MAX_VALUE / 2, problems),
        longValue(env, "INLET_QUOTA_MAX_STORED_BYTES", Quotas.DEFAULT_MAX_STORED_BYTES, 1, Long.MAX_VALUE / 2,
            problems));
    int quotaCheck = integer(env, "INLET_QUOTA_CHECK_MS", DEFAULT_QUOTA_CHECK_MS, 100, 600_000, problems);
    checkLogging(env, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new RelayConfig(host, port, publicUrl, databaseUrl, listenDatabaseUrl, dataDir, operatorToken, jwtSecret, secretKey,
        List.copyOf(previousKeys), poolSize,
        batching, endpointCache, queueCache, keepalive, httpInstances, housekeeping, shutdownTimeout, streams, longPolls,
        idleTimeout, bodyTimeout, h2c, maxPending, adminPool, authPool, verifyFailures, verifyFailureDelay,
        deliveryMax, databaseUrl == null, queueLabels, queueRefresh, endpointLabels, requestLog, replay, quotas, quotaCheck);
  }

  /** Never the tokens, keys or the database password: this may end up in a log. */
  @Override
  public String toString() {
    return "RelayConfig[" + httpHost + ":" + httpPort + ", database=" + (embeddedDatabase() ? "embedded" : "external")
        + ", dataDir=" + dataDir + "]";
  }

  /** The embedded database is used when no database URL is configured. */
  public boolean embeddedDatabase() {
    return databaseUrl == null;
  }

  /** The base of the URLs handed out (inbound URLs, ack URLs), given the port actually bound. */
  public String publicUrlFor(int boundPort) {
    return publicUrl != null ? publicUrl : "http://localhost:" + boundPort;
  }




  private static String text(Map<String, String> env, String key, String fallback) {
    String value = env.get(key);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static int integer(Map<String, String> env, String key, int fallback, int min, int max, List<String> problems) {
    String value = text(env, key, null);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        problems.add(key + " must be between " + min + " and " + max + " (got " + value + ")");
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(key + " must be a whole number (got '" + value + "')");
      return fallback;
    }
  }

  private static long longValue(Map<String, String> env, String key, long fallback, long min, long max,
      List<String> problems) {
    String value = text(env, key, null);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min || parsed > max) {
        problems.add(key + " must be between " + min + " and " + max + " (got " + value + ")");
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(key + " must be a whole number (got '" + value + "')");
      return fallback;
    }
  }

  private static boolean bool(Map<String, String> env, String key, boolean fallback, List<String> problems) {
    String value = text(env, key, null);
    if (value == null) {
      return fallback;
    }
    if (!value.equals("true") && !value.equals("false")) {
      problems.add(key + " must be true or false (got '" + value + "')");
      return fallback;
    }
    return Boolean.parseBoolean(value);
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = URI.create(value);
      return uri.isAbsolute() && uri.getHost() != null
          && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
