package dev.inlet.relay.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/** Serves the relay's HTTP API on one event loop; several instances share the listening port. */
final class HttpVerticle extends VerticleBase {
  private final Wiring wiring;
  private final HttpServerOptions options;
  private HttpServer server;

  HttpVerticle(Wiring wiring, HttpServerOptions options) {
    this.wiring = wiring;
    this.options = options;
  }

  @Override
  public Future<?> start() {
    return wiring.router(vertx)
        .compose(router -> vertx.createHttpServer(options).requestHandler(router).listen())
        .onSuccess(listening -> server = listening);
  }

  int actualPort() {
    return server.actualPort();
  }

  /**
   * Stops accepting connections; each open one closes once its requests are answered, or at the
   * deadline.
   */
  Future<Void> shutdown(long timeoutMillis) {
    return server.shutdown(timeoutMillis, TimeUnit.MILLISECONDS);
  }
}
