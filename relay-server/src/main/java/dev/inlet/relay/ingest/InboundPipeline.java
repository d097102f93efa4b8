package dev.inlet.relay.ingest;

import dev.inlet.relay.handshake.HandshakePolicy;
import dev.inlet.relay.handshake.HandshakeReply;
import dev.inlet.relay.handshake.HandshakeRequest;
import dev.inlet.relay.id.EndpointId;
import dev.inlet.relay.id.EventId;
import dev.inlet.relay.ingest.IngestMetrics.Outcome;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.provider.EventBody;
import dev.inlet.relay.problem.ProblemType;
import dev.inlet.relay.verify.SignedRequest;
import dev.inlet.relay.verify.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The inbound path after the body is read: handshake → verify → rate → dedupe key and routes →
 * group commit. The HTTP edge finds the endpoint here, reads the body within the endpoint's limit,
 * and renders what this returns; refusals are {@link InletProblem}s ({@link Refusal}s naming their
 * reason) and store no event. Every outcome is counted in {@link IngestMetrics} here, and written
 * to the {@link RequestLog} (accepted ones by the group commit itself).
 */
public final class InboundPipeline {
  private final EndpointDirectory directory;
  private final SharedRateLimiter rateLimiter;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final SecretLearner learner;
  private final VerifyFailureBudget failures;
  private final Vertx vertx;
  private final RequestLog requestLog;
  private final IngestQuotas quotas;
  /** How long a suspended tenant's providers are asked to wait before they retry. */
  static final long SUSPENDED_RETRY_AFTER_SECONDS = 60;

  /** Keeps a secret a provider disclosed in its handshake; whether it was kept (the endpoint had none). */
  @FunctionalInterface
  public interface SecretLearner {
    Future<Boolean> learn(IngestEndpoint endpoint, String secret);
  }

  public InboundPipeline(Vertx vertx, EndpointDirectory directory, SharedRateLimiter rateLimiter,
      IngestMetrics metrics, Clock clock, SecretLearner learner, VerifyFailureBudget failures, RequestLog requestLog,
      IngestQuotas quotas) {
    this.vertx = vertx;
    this.requestLog = requestLog;
    this.quotas = quotas;
    this.directory = directory;
    this.failures = failures;
    this.learner = learner;
    this.rateLimiter = rateLimiter;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The endpoint, if it exists; it may not be accepting (disabled, or its tenant suspended). */
  public Future<Optional<IngestEndpoint>> endpoint(EndpointId id) {
    return directory.lookup(id);
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  public RequestLog requestLog() {
    return requestLog;
  }

  /**
   * What is refused before the body is read, so that it costs one tenant nothing but headers: the
   * tenant over its ingest rate (429), or an endpoint whose signature failures ran over their budget
   * (429). Its refusal is counted here; an admitted request carries its {@link Admitted#budget} to
   * {@link #process}.
   */
  public Future<Admitted> admit(IngestEndpoint endpoint, long startNanos) {
    if (endpoint.tenantSuspended()) {
      metrics.request(endpoint, Outcome.UNAVAILABLE, startNanos);
      return Future.succeededFuture(new Admitted(new InletProblem(ProblemType.UNAVAILABLE,
          "this endpoint's tenant is suspended; retry later", List.of(),
          Map.of("Retry-After", Long.toString(SUSPENDED_RETRY_AFTER_SECONDS))), null, 0));
    }
    InletProblem overQuota = quotas.refusal(endpoint);
    if (overQuota != null) {
      metrics.request(endpoint, Outcome.RATE_LIMITED, startNanos);
      return Future.succeededFuture(new Admitted(overQuota, null, 0));
    }
    // At once unless this node's share of the tenant's budget is used up (then after one lease).
    return rateLimiter.acquire(endpoint.tenantId(), endpoint.tenantRatePerSecond())
        .map(wait -> admitWithinRate(endpoint, startNanos, wait));
  }

  private Admitted admitWithinRate(IngestEndpoint endpoint, long startNanos, OptionalLong wait) {
    if (wait.isPresent()) {
      metrics.request(endpoint, Outcome.RATE_LIMITED, startNanos);
      return new Admitted(new Refusal(ProblemType.RATE_LIMITED,
          "this tenant's ingest rate is exceeded; retry later", "rate_limited",
          Map.of("Retry-After", Long.toString(Math.max(1, wait.getAsLong())))), null, 0);
    }
    VerifyFailureBudget.Admission budget = failures.admit(endpoint.id());
    if (budget == VerifyFailureBudget.Admission.REFUSED) {
      metrics.request(endpoint, Outcome.REFUSED, startNanos);
      return new Admitted(new Refusal(ProblemType.RATE_LIMITED,
          "too many requests with bad signatures on this endpoint; retry later", "budget_exhausted",
          Map.of("Retry-After", "1")), null, failures.refusalDelayMillis());
    }
    return new Admitted(null, budget, 0);
  }

  /**
   * Admission's answer: a refusal (to be answered after {@code delayMillis}, the body unread), or
   * how the request stands against its endpoint's failure budget.
   */
  public record Admitted(InletProblem refusal, VerifyFailureBudget.Admission budget, long delayMillis) {}

  /**
   * Handshake or verify, then store through {@code committer} (this event loop's). The work on the
   * body (HMAC, JSON for id, type and filters) runs on a worker thread for bodies over {@link
   * #OFFLOAD_BYTES}, so one tenant's large bodies cannot hold the event loop other tenants share.
   */
  public Future<InboundOutcome> process(IngestEndpoint endpoint, InboundRequest request, GroupCommitter committer,
      long startNanos, VerifyFailureBudget.Admission budget) {
    Future<Prepared> prepared = request.body().length() > OFFLOAD_BYTES
        ? vertx.executeBlocking(() -> prepare(endpoint, request, budget), false)
        : prepareHere(endpoint, request, budget);
    return prepared.transform(done -> {
      if (done.failed()) {
        Throwable cause = done.cause();
        InletProblem refused = cause instanceof InletProblem ? (InletProblem) cause : unavailable();
        metrics.request(endpoint, refused.type() == ProblemType.UNAUTHORIZED
            || refused.type() == ProblemType.METHOD_NOT_ALLOWED ? Outcome.REFUSED : Outcome.UNAVAILABLE, startNanos);
        requestLog.refused(endpoint, request, Refusal.reasonOf(cause));
        return Future.failedFuture(refused);
      }
      Prepared ready = done.result();
      if (ready.handshake() != null) {
        metrics.request(endpoint, Outcome.HANDSHAKE, startNanos);
        requestLog.handshake(endpoint, request);
        return ready.handshake().learnedSecret() == null
            ? Future.succeededFuture(new InboundOutcome.Handshake(ready.handshake()))
            : learn(endpoint, ready.handshake());
      }
      return commit(endpoint, ready.event(), committer, startNanos);
    });
  }

  /** Bodies larger than this are verified and parsed on a worker thread. */
  static final int OFFLOAD_BYTES = 64 * 1024;

  /** What the work on the body decided: a handshake's reply, or the event to store. */
  private record Prepared(HandshakeReply handshake, InboundEvent event) {}

  private Future<Prepared> prepareHere(IngestEndpoint endpoint, InboundRequest request,
      VerifyFailureBudget.Admission budget) {
    try {
      return Future.succeededFuture(prepare(endpoint, request, budget));
    } catch (InletProblem refused) {
      return Future.failedFuture(refused);
    }
  }

  /** Pure CPU, any thread: handshake, verification, dedupe key, type, routes. Refusals are thrown. */
  private Prepared prepare(IngestEndpoint endpoint, InboundRequest request, VerifyFailureBudget.Admission budget) {
    // One copy of the body for every check that reads it.
    byte[] body = request.body().getBytes();
    HandshakePolicy handshakes = endpoint.handshakes();
    if (handshakes.verifyFirst()) {
      verify(endpoint, request, body, budget);
    }
    HandshakeRequest handshake = new HandshakeRequest(request.method(), request.query(), request.headers(), body,
        request.contentType());
    if (handshakes.mayApply(handshake)) {
      var reply = handshakes.answer(handshake);
      if (reply.isPresent()) {
        if (!handshakes.verifyFirst()) {
          failures.passed(endpoint.id(), budget);
        }
        return new Prepared(reply.get(), null);
      }
    }
    if (request.method().equals("GET")) {
      failures.passed(endpoint.id(), budget);
      throw new Refusal(ProblemType.METHOD_NOT_ALLOWED, "GET is only for verification handshakes",
          "method_not_allowed");
    }
    if (!handshakes.verifyFirst()) {
      verify(endpoint, request, body, budget);
    }
    return new Prepared(null, event(endpoint, request, body));
  }

  private Future<InboundOutcome> commit(IngestEndpoint endpoint, InboundEvent event, GroupCommitter committer,
      long startNanos) {
    return committer.submit(event).transform(stored -> {
      if (stored.succeeded()) {
        IngestResult result = stored.result();
        Outcome outcome = result.duplicate() ? Outcome.DUPLICATE
            : endpoint.targets().isEmpty() ? Outcome.UNROUTED : Outcome.ACCEPTED;
        metrics.request(endpoint, outcome, startNanos);
        if (!result.logged()) {
          requestLog.duplicate(event, result.eventId());
        }
        return Future.succeededFuture(new InboundOutcome.Stored(result));
      }
      InletProblem problem = stored.cause() instanceof InletProblem ? (InletProblem) stored.cause() : unavailable();
      metrics.request(endpoint, Outcome.UNAVAILABLE, startNanos);
      requestLog.refused(endpoint, event.method(), event.headers(), event.sourceAddress(), event.body().length(),
          event.body(), "unavailable");
      return Future.failedFuture(problem);
    });
  }

  /** The handshake is answered only once its secret is stored: a provider must not rely on one we lost. */
  private Future<InboundOutcome> learn(IngestEndpoint endpoint, HandshakeReply reply) {
    return learner.learn(endpoint, reply.learnedSecret()).map(kept -> new InboundOutcome.Handshake(kept
        ? reply.withoutLearnedSecret()
        : HandshakeReply.text(409, "this endpoint already has a secret; send the handshake again")));
  }

  /** Checks the signature; a refusal is a 401 problem naming the reason, counted by scheme. */
  private void verify(IngestEndpoint endpoint, InboundRequest request, byte[] body,
      VerifyFailureBudget.Admission budget) {
    Verdict verdict = endpoint.verifier().verify(new SignedRequest(request.method(), request.publicUrl(),
        request.headers(), body, request.formParams(), clock.instant()));
    if (verdict.isAccepted()) {
      failures.passed(endpoint.id(), budget);
    } else {
      failures.failed(endpoint.id(), budget);
      metrics.verificationFailed(endpoint, verdict.refusal().metricTag());
      throw new Refusal(ProblemType.UNAUTHORIZED, verdict.refusal().text(), Refusal.reasonOf(verdict.refusal()));
    }
  }

  /** The event row it becomes; every field read from the body shares one parse of it. */
  private static InboundEvent event(IngestEndpoint endpoint, InboundRequest request, byte[] body) {
    EventBody fields = EventBody.of(body);
    return new InboundEvent(endpoint, EventId.random(), DedupeKeys.keyFor(endpoint, request.headers(), fields),
        request.method(), request.pathQuery(), Redaction.headers(request.headersJson(), endpoint.redactedHeaders()),
        request.contentType(), request.body(), request.sourceAddress(), EventTypes.of(endpoint, request.headers(), fields),
        RouteFilters.queuesFor(endpoint, request.headers(), fields),
        TraceContext.of(request.headersJson()));
  }

  /** The answer when nothing could be stored: the provider retries. */
  public static InletProblem unavailable() {
    return new InletProblem(ProblemType.UNAVAILABLE, "the event could not be stored; retry later", List.of(),
        Map.of("Retry-After", "5"));
  }
}
