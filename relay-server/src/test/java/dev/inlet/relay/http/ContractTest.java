package dev.inlet.relay.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** openapi/inlet.yaml and the handlers must name the same operations. */
class ContractTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anOperationWithoutAHandlerStopsTheRelayFromStarting() throws Exception {
    RouterBuilder builder = builder();
    builder.getRoute("healthz").addHandler(ctx -> ctx.end());
    assertThatThrownBy(() -> ApiRouter.requireEveryOperationHandled(builder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("createQueue")
        .hasMessageNotContaining("healthz");
  }

  @Test
  void everyContractOperationIsHandledByTheRelay() throws Exception {
    OpenAPIContract contract = contract();
    assertThat(contract.operations()).hasSizeGreaterThan(10);
    // The relay starts in every API test; this pins the check itself to the real contract.
    RouterBuilder builder = builder();
    builder.getRoutes().forEach(route -> route.addHandler(ctx -> ctx.end()));
    ApiRouter.requireEveryOperationHandled(builder);
  }

  private RouterBuilder builder() throws Exception {
    return RouterBuilder.create(vertx, contract(), RequestExtractor.withBodyHandler());
  }

  private OpenAPIContract contract() throws Exception {
    return Contract.load(vertx).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
