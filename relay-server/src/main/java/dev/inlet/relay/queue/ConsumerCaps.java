package dev.inlet.relay.queue;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.problem.ProblemType;
import dev.inlet.relay.store.HoldStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many SSE streams and waiting long polls one tenant, and one token, may hold open: each holds
 * a connection and a place in an event loop's attention, so one tenant cannot take them all. Over a
 * cap the answer is a 429 problem naming it. This node counts its own at once and adds what the
 * other nodes held at their last report ({@link ConsumerHolds}, every second): across nodes a cap
 * may be passed by what the others opened since.
 */
public final class ConsumerCaps {
  /** What is being held open. */
  public enum Kind {
    STREAM("streams", "stream"),
    LONG_POLL("long polls", "long_poll");

    private final String plural;
    private final String stored;

    Kind(String plural, String stored) {
      this.plural = plural;
      this.stored = stored;
    }
  }

  /** What is counted: a tenant's holds of one kind ({@code token} null), or one token's. */
  private record Key(Kind kind, String tenant, String token) {}

  /** The caps of one kind. */
  public record Limits(int perTenant, int perToken) {}

  /** A place held; give it back once, when the stream or long poll ends. */
  public interface Slot {
    void release();
  }

  private final Map<Kind, Limits> limits;
  private final Map<Key, AtomicInteger> open = new ConcurrentHashMap<>();
  private volatile Map<Key, Integer> elsewhere = Map.of();

  public ConsumerCaps(Limits streams, Limits longPolls) {
    this.limits = Map.of(Kind.STREAM, streams, Kind.LONG_POLL, longPolls);
  }

  /** A place for {@code tokenId} of {@code tenant}, or a 429 problem when either is at its cap. */
  public Slot acquire(Kind kind, TenantId tenant, String tokenId) {
    Limits limit = limits.get(kind);
    Key tenantKey = new Key(kind, tenant.value(), null);
    Key tokenKey = new Key(kind, tenant.value(), tokenId);
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
  private boolean take(Key key, int cap) {
    boolean[] taken = new boolean[1];
    int others = elsewhere.getOrDefault(key, 0);
    open.compute(key, (k, count) -> {
      int now = count == null ? 0 : count.get();
      if (now + others >= cap) {
        return count;
      }
      taken[0] = true;
      AtomicInteger next = count == null ? new AtomicInteger() : count;
      next.incrementAndGet();
      return next;
    });
    return taken[0];
  }

  /** What this node holds now, per token (only counts above zero). */
  public List<HoldStore.Held> held() {
    List<HoldStore.Held> held = new ArrayList<>();
    open.forEach((key, count) -> {
      int now = count.get();
      if (key.token() != null && now > 0) {
        held.add(new HoldStore.Held(key.tenant(), key.kind().stored, key.token(), now));
      }
    });
    return held;
  }

  /** What the other nodes hold, per token, as they last reported it; empty: count this node's only. */
  public void heldElsewhere(List<HoldStore.Held> others) {
    Map<Key, Integer> counts = new HashMap<>();
    for (HoldStore.Held held : others) {
      Kind kind = held.kind().equals(Kind.STREAM.stored) ? Kind.STREAM : Kind.LONG_POLL;
      counts.merge(new Key(kind, held.tenantId(), held.tokenId()), held.open(), Integer::sum);
      counts.merge(new Key(kind, held.tenantId(), null), held.open(), Integer::sum);
    }
    elsewhere = Map.copyOf(counts);
  }

  private void give(Key key) {
    // Entries at zero are removed so that ids tried once do not stay in memory.
    open.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  private static InletProblem overCap(Kind kind, String scope, int cap) {
    return new InletProblem(ProblemType.RATE_LIMITED, "this " + scope + " already holds " + cap + " open "
        + kind.plural + " (on all nodes), its limit; close one or retry later", List.of(), Map.of("Retry-After", "5"));
  }
}
