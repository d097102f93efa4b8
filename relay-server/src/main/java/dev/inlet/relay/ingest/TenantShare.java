package dev.inlet.relay.ingest;

import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.store.BudgetStore;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * This node's share of one tenant's ingest budget for the current window (see {@link
 * SharedRateLimiter}): the requests it may still admit, until when, and the requests waiting for the
 * next lease. Guarded by its own monitor: every HTTP event loop takes from it.
 */
final class TenantShare {
  static final Future<OptionalLong> PASS = Future.succeededFuture(OptionalLong.empty());
  /** A spent window ends within the second. */
  static final OptionalLong RETRY_NEXT_SECOND = OptionalLong.of(1);
  private static final Future<OptionalLong> REFUSED = Future.succeededFuture(RETRY_NEXT_SECOND);

  /** One lease: up to {@code wanted} of the tenant's {@code limit}. */
  @FunctionalInterface
  interface Lease {
    Future<BudgetStore.Grant> lease(TenantId tenant, int wanted, int limit);
  }

  private final TenantId tenant;
  private final Lease lease;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private int tokens;
  private long windowEndsNanos = System.nanoTime();
  private boolean spent;
  private boolean leasing;
  private boolean fallback;
  private long fallbackEndsNanos;

  TenantShare(TenantId tenant, Lease lease) {
    this.tenant = tenant;
    this.lease = lease;
  }

  /** A request of the tenant, whose rate is {@code limit}: passes, is refused, or waits for a lease. */
  Future<OptionalLong> take(int limit) {
    Waiter waiter;
    int wanted;
    synchronized (this) {
      long now = System.nanoTime();
      if (fallback) {
        if (now - fallbackEndsNanos < 0) {
          return PASS; // the database did not answer lately: this node's own limiter has decided
        }
        fallback = false;
      }
      if (now - windowEndsNanos >= 0) {
        tokens = 0;
        spent = false;
      }
      if (tokens > 0) {
        tokens--;
        return PASS;
      }
      if (spent) {
        return REFUSED;
      }
      waiter = new Waiter(Vertx.currentContext(), Promise.promise());
      waiters.add(waiter);
      if (leasing) {
        return waiter.promise.future();
      }
      leasing = true;
      wanted = chunk(limit);
    }
    startLease(wanted, limit);
    return waiter.promise.future();
  }

  /** A tenth of the rate, or as many as are waiting, if more. */
  private int chunk(int limit) {
    return Math.min(limit, Math.max(Math.max(1, limit / 10), waiters.size()));
  }

  private void startLease(int wanted, int limit) {
    long sentNanos = System.nanoTime();
    Future<BudgetStore.Grant> grant;
    try {
      grant = lease.lease(tenant, wanted, limit);
    } catch (RuntimeException e) {
      grant = Future.failedFuture(e); // never leave the waiters hanging
    }
    grant.onComplete(done -> leased(done, wanted, limit, sentNanos));
  }

  private void leased(AsyncResult<BudgetStore.Grant> done, int wanted, int limit, long sentNanos) {
    List<Waiter> passed = new ArrayList<>();
    List<Waiter> refused = new ArrayList<>();
    int again = 0;
    synchronized (this) {
      if (done.failed()) {
        fallback = true;
        fallbackEndsNanos = System.nanoTime() + SharedRateLimiter.FALLBACK_MILLIS * 1_000_000;
        passed.addAll(waiters);
        waiters.clear();
      } else {
        BudgetStore.Grant grant = done.result();
        // Counted from when the lease was sent: the share lapses no later than its window.
        windowEndsNanos = sentNanos + grant.remainingMillis() * 1_000_000;
        tokens = grant.granted();
        spent = grant.granted() < wanted;
        while (tokens > 0 && !waiters.isEmpty()) {
          tokens--;
          passed.add(waiters.poll());
        }
        if (spent) {
          refused.addAll(waiters);
          waiters.clear();
        } else if (!waiters.isEmpty()) {
          again = chunk(limit);
        }
      }
      leasing = again > 0;
    }
    passed.forEach(waiter -> waiter.answer(OptionalLong.empty()));
    refused.forEach(waiter -> waiter.answer(RETRY_NEXT_SECOND));
    if (again > 0) {
      startLease(again, limit);
    }
  }

  /** A request waiting for a lease, answered on its own context. */
  private record Waiter(Context context, Promise<OptionalLong> promise) {
    void answer(OptionalLong wait) {
      if (context == null || Vertx.currentContext() == context) {
        promise.complete(wait);
      } else {
        context.runOnContext(v -> promise.complete(wait));
      }
    }
  }
}
