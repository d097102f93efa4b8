package dev.inlet.relay.app;

import dev.inlet.relay.http.ApiRouter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/** Serves the relay's HTTP API on one event loop; several instances share the listening port. */
final class HttpVerticle extends VerticleBase {
  private final ApiRouter.Services services;
  private final HttpServerOptions options;
  private HttpServer server;

  HttpVerticle(ApiRouter.Services services, HttpServerOptions options) {
    this.services = services;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    return ApiRouter.create(vertx, services)
        .compose(router -> vertx.createHttpServer(options).requestHandler(router).listen())
        .onSuccess(listening -> server = listening);
  }

  int actualPort() {
    return server.actualPort();
  }
}
