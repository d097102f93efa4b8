package dev.inlet.relay.http;

import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.queue.SettleService;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;

/** {@code /v1/messages/{id}/ack|nack|reject|extend?lease=…}: settling one delivery. */
public final class MessageRoutes implements RouteGroup {
  private final SettleService settle;

  public MessageRoutes(SettleService settle) {
    this.settle = settle;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("ackMessage").addHandler(this::ack);
    builder.getRoute("nackMessage").addHandler(this::nack);
    builder.getRoute("rejectMessage").addHandler(this::reject);
    builder.getRoute("extendMessage").addHandler(this::extend);
  }

  private void ack(RoutingContext ctx) {
    Access.Consumer consumer = Access.consumer(ctx);
    settle.ack(consumer.tenant(), messageId(ctx), lease(ctx), consumer.queues())
        .onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private void nack(RoutingContext ctx) {
    Access.Consumer consumer = Access.consumer(ctx);
    JsonObject body = optionalBody(ctx);
    settle.nack(consumer.tenant(), messageId(ctx), lease(ctx), consumer.queues(), body.getInteger("delaySeconds"),
            body.getString("reason"))
        .onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private void reject(RoutingContext ctx) {
    Access.Consumer consumer = Access.consumer(ctx);
    settle.reject(consumer.tenant(), messageId(ctx), lease(ctx), consumer.queues(), optionalBody(ctx).getString("reason"))
        .onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private void extend(RoutingContext ctx) {
    Access.Consumer consumer = Access.consumer(ctx);
    int seconds = ctx.body().asJsonObject().getInteger("leaseSeconds");
    settle.extend(consumer.tenant(), messageId(ctx), lease(ctx), consumer.queues(), seconds)
        .onSuccess(expiry -> Responses.json(ctx, 200, new JsonObject().put("leaseExpiresAt", ApiJson.time(expiry))))
        .onFailure(ctx::fail);
  }

  private static MessageId messageId(RoutingContext ctx) {
    String raw = ctx.pathParam("messageId");
    return MessageId.parse(raw).orElseThrow(() -> InletProblem.notFound("no message " + raw));
  }

  private static UUID lease(RoutingContext ctx) {
    return leaseToken(ctx.queryParams().get("lease"), "?lease");
  }

  static UUID leaseToken(String value, String pointer) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw InletProblem.invalid(pointer, "not a lease token this API handed out");
    }
  }

  private static JsonObject optionalBody(RoutingContext ctx) {
    return ctx.body().available() && ctx.body().length() > 0 ? ctx.body().asJsonObject() : new JsonObject();
  }
}
