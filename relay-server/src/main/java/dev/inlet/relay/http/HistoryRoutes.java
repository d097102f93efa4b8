package dev.inlet.relay.http;

import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.queue.MessageHistory;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** {@code /v1/messages/{id}} and its {@code /attempts}: what became of a message, lease by lease. */
public final class HistoryRoutes implements RouteGroup {
  private final MessageHistory history;

  public HistoryRoutes(MessageHistory history) {
    this.history = history;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("getMessage").addHandler(this::message);
    builder.getRoute("listMessageAttempts").addHandler(this::attempts);
  }

  private void message(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    history.message(tenant, messageId(ctx))
        .onSuccess(message -> Responses.json(ctx, 200, new JsonObject()
            .put("id", message.id().toString())
            .put("queue", message.queue())
            .put("eventId", message.eventId())
            .put("state", message.state())
            .put("attempt", message.attempt())
            .put("enqueuedAt", ApiJson.time(message.enqueuedAt()))
            .put("visibleAt", ApiJson.time(message.visibleAt()))
            .put("lastError", message.lastError())
            .put("deadAt", ApiJson.time(message.deadAt()))))
        .onFailure(ctx::fail);
  }

  private void attempts(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    MessageId id = messageId(ctx);
    Page page = Page.of(ctx);
    OffsetDateTime afterLeasedAt = null;
    UUID afterToken = null;
    if (!page.after().isEmpty()) {
      // The cursor is the last attempt's lease time and lease token.
      String[] parts = page.after().split(" ", 2);
      try {
        afterLeasedAt = OffsetDateTime.parse(parts[0]);
        afterToken = UUID.fromString(parts[1]);
      } catch (DateTimeParseException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
        throw InletProblem.invalid("?cursor", "not a cursor this API handed out");
      }
    }
    history.attempts(tenant, id, afterLeasedAt, afterToken, page.fetchSize())
        .onSuccess(rows -> Responses.json(ctx, 200, page.render(rows,
            a -> a.leasedAt().toString() + " " + a.leaseToken(), HistoryRoutes::json)))
        .onFailure(ctx::fail);
  }

  private static JsonObject json(MessageHistory.Attempt attempt) {
    Duration took = attempt.duration();
    return new JsonObject()
        .put("attempt", attempt.attempt())
        .put("leasedAt", ApiJson.time(attempt.leasedAt()))
        .put("tokenId", attempt.tokenId())
        .put("via", attempt.via())
        .put("leaseSeconds", attempt.leaseSeconds())
        .put("outcome", attempt.outcome())
        .put("reason", attempt.reason())
        .put("delaySeconds", attempt.delaySeconds())
        .put("settledAt", ApiJson.time(attempt.settledAt()))
        .put("durationMs", took == null ? null : Math.max(0, took.toMillis()));
  }

  private static MessageId messageId(RoutingContext ctx) {
    String raw = ctx.pathParam("messageId");
    return MessageId.parse(raw).orElseThrow(() -> InletProblem.notFound("no message " + raw));
  }
}
