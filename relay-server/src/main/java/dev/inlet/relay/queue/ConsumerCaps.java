package dev.inlet.relay.queue;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many SSE streams and waiting long polls one tenant, and one token, may hold open on this
 * node: each holds a connection and a place in the event loop's attention, so one tenant cannot
 * take them all. Over a cap the answer is a 429 problem naming it.
 */
public final class ConsumerCaps {
  /** What is being held open. */
  public enum Kind {
    STREAM("streams"),
    LONG_POLL("long polls");

    private final String plural;

    Kind(String plural) {
      this.plural = plural;
    }
  }

  /** The caps of one kind. */
  public record Limits(int perTenant, int perToken) {}

  /** A place held; give it back once, when the stream or long poll ends. */
  public interface Slot {
    void release();
  }

  private final Map<Kind, Limits> limits;
  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

  public ConsumerCaps(Limits streams, Limits longPolls) {
    this.limits = Map.of(Kind.STREAM, streams, Kind.LONG_POLL, longPolls);
  }

  /** A place for {@code tokenId} of {@code tenant}, or a 429 problem when either is at its cap. */
  public Slot acquire(Kind kind, TenantId tenant, String tokenId) {
    Limits limit = limits.get(kind);
    String tenantKey = kind + "/" + tenant.value();
    String tokenKey = kind + "/" + tenant.value() + "/" + tokenId;
    if (!take(tenantKey, limit.perTenant())) {
      throw overCap(kind, "tenant", limit.perTenant());
    }
    if (!take(tokenKey, limit.perToken())) {
      give(tenantKey);
      throw overCap(kind, "token", limit.perToken());
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        give(tokenKey);
        give(tenantKey);
      }
    };
  }

  /** One atomic step per key, so a count removed at zero is never incremented behind the map's back. */
  private boolean take(String key, int cap) {
    boolean[] taken = new boolean[1];
    open.compute(key, (k, count) -> {
      int now = count == null ? 0 : count.get();
      if (now >= cap) {
        return count;
      }
      taken[0] = true;
      AtomicInteger next = count == null ? new AtomicInteger() : count;
      next.incrementAndGet();
      return next;
    });
    return taken[0];
  }

  private void give(String key) {
    // Entries at zero are removed so that ids tried once do not stay in memory.
    open.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  private static InletProblem overCap(Kind kind, String scope, int cap) {
    return new InletProblem(ProblemType.RATE_LIMITED, "this " + scope + " already holds " + cap + " open "
        + kind.plural + " on this node, its limit; close one or retry later", List.of(), Map.of("Retry-After", "5"));
  }
}
