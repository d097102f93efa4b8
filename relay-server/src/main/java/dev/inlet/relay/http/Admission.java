package dev.inlet.relay.http;

import dev.inlet.relay.health.Lifecycle;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * First on every request: counts it as read until its exchange ends, and, once the node is
 * draining, asks the client to close the connection after this answer.
 */
public final class Admission implements Handler<RoutingContext> {
  private final Lifecycle lifecycle;

  public Admission(Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void handle(RoutingContext ctx) {
    lifecycle.requestRead();
    ctx.addEndHandler(ended -> lifecycle.requestEnded(ended.succeeded()));
    // Checked as the answer goes out: the drain may begin while a request is being served.
    ctx.addHeadersEndHandler(v -> {
      if (lifecycle.draining()) {
        ctx.response().putHeader("Connection", "close");
      }
    });
    ctx.next();
  }
}
