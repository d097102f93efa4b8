package dev.inlet.relay.http;

import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The handlers of one resource, mounted on the contract's operations by their operationId. */
public interface RouteGroup {
  void mount(RouterBuilder builder);
}
