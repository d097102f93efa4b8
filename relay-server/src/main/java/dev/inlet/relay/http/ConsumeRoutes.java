package dev.inlet.relay.http;

import dev.inlet.relay.envelope.Envelopes;
import dev.inlet.relay.id.LeaseRef;
import dev.inlet.relay.id.MessageId;
import dev.inlet.relay.id.TenantId;
import dev.inlet.relay.problem.InletProblem;
import dev.inlet.relay.queue.ConsumerCaps;
import dev.inlet.relay.queue.Delivery;
import dev.inlet.relay.queue.DeliveryBytes;
import dev.inlet.relay.queue.LeaseOrigin;
import dev.inlet.relay.queue.LeaseService;
import dev.inlet.relay.queue.Queue;
import dev.inlet.relay.queue.QueueAccess;
import dev.inlet.relay.queue.SettleService;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Pulling from a queue: {@code next} (one message, raw or as an envelope), {@code receive} (a batch), batch ack. */
public final class ConsumeRoutes implements RouteGroup {
  private final LeaseService leases;
  private final SettleService settle;
  private final Supplier<String> publicUrl;
  private final ConsumerCaps caps;
  private final long maxDeliveryBytes;

  /** {@code maxDeliveryBytes} bounds one {@code receive} answer's bodies (its first message always goes). */
  public ConsumeRoutes(LeaseService leases, SettleService settle, Supplier<String> publicUrl, ConsumerCaps caps,
      long maxDeliveryBytes) {
    this.caps = caps;
    this.maxDeliveryBytes = maxDeliveryBytes;
    this.leases = leases;
    this.settle = settle;
    this.publicUrl = publicUrl;
  }

  @Override
  public void mount(RouterBuilder builder) {
    builder.getRoute("nextMessage").addHandler(this::next);
    builder.getRoute("receiveMessages").addHandler(this::receive);
    builder.getRoute("ackMessages").addHandler(this::ackMany);
    builder.getRoute("redriveQueue").addHandler(this::redrive);
  }

  /** Dead messages back to ready (all, or the listed ids), attempts reset. Admin only. */
  private void redrive(RoutingContext ctx) {
    TenantId tenant = Access.tenantAdmin(ctx);
    JsonObject body = ctx.body().available() && ctx.body().length() > 0 ? ctx.body().asJsonObject() : new JsonObject();
    JsonArray idsJson = body.getJsonArray("ids");
    List<Long> ids = null;
    if (idsJson != null) {
      ids = new ArrayList<>();
      for (int i = 0; i < idsJson.size(); i++) {
        int index = i;
        ids.add(MessageId.parse(idsJson.getString(i))
            .orElseThrow(() -> InletProblem.invalid("/ids/" + index, "not a message id"))
            .value());
      }
    }
    List<Long> selected = ids;
    leases.consumable(tenant, ctx.pathParam("queue"), QueueAccess.ALL)
        .compose(queue -> settle.redrive(queue, selected))
        .onSuccess(count -> Responses.json(ctx, 200, new JsonObject().put("redriven", count)))
        .onFailure(ctx::fail);
  }

  private void next(RoutingContext ctx) {
    Access.Consumer consumer = Access.consumer(ctx);
    String name = ctx.pathParam("queue");
    int wait = intParam(ctx, "wait", 0);
    boolean autoAck = "true".equals(ctx.queryParams().get("autoAck"));
    boolean envelope = "envelope".equals(ctx.queryParams().get("format"));
    boolean base64Body = "base64".equals(ctx.queryParams().get("bodyEncoding"));
    ConsumerCaps.Slot slot = waiting(consumer, wait);
    leases.consumable(consumer.tenant(), name, consumer.queues())
        .compose(queue -> leases.lease(queue, 1, intParam(ctx, "lease", queue.leaseSeconds()), Duration.ofSeconds(wait),
                autoAck, LeaseOrigin.next(consumer.principal().tokenId()))
            .onComplete(done -> slot.release())
            .map(found -> {
              if (found.isEmpty()) {
                Responses.noContent(ctx);
              } else if (!handBack(ctx, consumer, found)) {
                deliver(ctx, found.get(0), envelope,
                    new Envelopes.Audience(name, publicUrl.get(), base64Body, consumer.queues().admin()));
              }
              return queue;
            }))
        .onFailure(ctx::fail);
  }

  private void receive(RoutingContext ctx) {
    Access.Consumer consumer = Access.consumer(ctx);
    String name = ctx.pathParam("queue");
    JsonObject body = ctx.body().available() && ctx.body().length() > 0 ? ctx.body().asJsonObject() : new JsonObject();
    int max = body.getInteger("max", 10);
    int wait = body.getInteger("wait", 0);
    ConsumerCaps.Slot slot = waiting(consumer, wait);
    leases.consumable(consumer.tenant(), name, consumer.queues())
        .compose(queue -> leases.lease(queue, max, body.getInteger("lease", queue.leaseSeconds()),
            Duration.ofSeconds(wait), false, LeaseOrigin.receive(consumer.principal().tokenId())).map(found -> {
              DeliveryBytes.Split split = DeliveryBytes.within(found, maxDeliveryBytes);
              settle.unlease(queue, split.returned());
              return split.kept();
            }))
        .onComplete(done -> slot.release())
        .onSuccess(found -> {
          if (handBack(ctx, consumer, found)) {
            return;
          }
          ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
              .end(Envelopes.envelopes(found, new Envelopes.Audience(name, publicUrl.get(),
                  "base64".equals(body.getString("bodyEncoding")), consumer.queues().admin())));
        })
        .onFailure(ctx::fail);
  }

  private void ackMany(RoutingContext ctx) {
    Access.Consumer consumer = Access.consumer(ctx);
    JsonArray items = ctx.body().asJsonObject().getJsonArray("items");
    List<LeaseRef> presented = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      var id = MessageId.parse(item.getString("id"));
      UUID lease = MessageRoutes.leaseToken(item.getString("lease"), "/items/" + i + "/lease");
      if (id.isEmpty()) {
        unknown.add(item.getString("id"));
      } else {
        presented.add(new LeaseRef(id.get().value(), lease));
      }
    }
    leases.consumable(consumer.tenant(), ctx.pathParam("queue"), consumer.queues())
        .compose((Queue queue) -> settle.ackMany(queue, presented))
        .onSuccess(acked -> {
          JsonArray ackedIds = new JsonArray();
          JsonArray notAcked = new JsonArray(unknown);
          for (LeaseRef lease : presented) {
            String text = new MessageId(lease.id()).toString();
            if (acked.contains(lease)) {
              ackedIds.add(text);
            } else {
              notAcked.add(text);
            }
          }
          Responses.json(ctx, 200, new JsonObject().put("acked", ackedIds).put("notAcked", notAcked));
        })
        .onFailure(ctx::fail);
  }

  private void deliver(RoutingContext ctx, Delivery delivery, boolean envelope, Envelopes.Audience audience) {
    HttpServerResponse response = ctx.response().setStatusCode(200);
    String links = Envelopes.links(delivery, audience.publicUrl());
    if (links != null) {
      response.putHeader("Link", links);
    }
    if (envelope) {
      response.putHeader("Content-Type", "application/json")
          .end(Envelopes.envelope(delivery, audience));
      return;
    }
    response.putHeader("Inlet-Meta", Envelopes.meta(delivery, audience).encode())
        .putHeader("Content-Type", delivery.contentType() == null ? "application/octet-stream" : delivery.contentType())
        .end(delivery.body());
  }

  /**
   * A long poll whose client left while it waited: give what it leased straight back (no delay),
   * rather than hold it until the lease runs out. Whether the client left.
   */
  private boolean handBack(RoutingContext ctx, Access.Consumer consumer, List<Delivery> found) {
    if (!ctx.response().closed()) {
      return false;
    }
    for (Delivery delivery : found) {
      if (delivery.leaseToken() != null) {
        settle.nack(consumer.tenant(), delivery.id(), delivery.leaseToken(), consumer.queues(), 0,
            "consumer went away before delivery");
      }
    }
    return true;
  }

  /** A long poll holds a place among its tenant's and token's waiters; a poll that does not wait holds none. */
  private ConsumerCaps.Slot waiting(Access.Consumer consumer, int waitSeconds) {
    return waitSeconds <= 0 ? () -> { }
        : caps.acquire(ConsumerCaps.Kind.LONG_POLL, consumer.tenant(), consumer.principal().tokenId().value());
  }

  static int intParam(RoutingContext ctx, String name, int fallback) {
    String value = ctx.queryParams().get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw InletProblem.invalid("?" + name, "must be a whole number");
    }
  }
}
