package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.RelayExtension;
import io.vertx.sqlclient.Tuple;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A relay that waits long enough for concurrent requests to land in one batch. */
class GroupCommitTest {
  @RegisterExtension static final RelayExtension relay =
      RelayExtension.withSettings(Map.of("INLET_INGEST_BATCH_DELAY_MS", "300", "INLET_INGEST_BATCH_MAX", "500"));
  static final Api api = relay.api();
  static final Inbound inbound = relay.inbound();
  static final Api.TenantAccess acme = relay.newTenant("acme");

  @Test
  void concurrentRequestsShareABatchAndEachGetsItsOwnEvent() {
    api.createQueue(acme.adminToken(), "batched");
    String endpoint = api.createEndpoint(acme.adminToken(), "batched", "batched");
    double batchesBefore = batchCount();
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      futures.add(inbound.send(inbound.request(endpoint, "{\"n\":" + i + "}", Map.of())));
    }
    List<HttpResponse<String>> answers = futures.stream().map(CompletableFuture::join).toList();
    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202);
    assertThat(answers.stream().map(HttpResponse::body).distinct()).hasSize(30);
    double batches = batchCount() - batchesBefore;
    assertThat(batches).as("batches for 30 concurrent requests").isLessThan(30).isGreaterThanOrEqualTo(1);
    assertThat(ready("batched")).isEqualTo(30);
  }

  @Test
  void oneEventThatCannotBeStoredDoesNotFailItsNeighbours() throws Exception {
    api.createQueue(acme.adminToken(), "healthy");
    api.createQueue(acme.adminToken(), "doomed");
    String healthy = api.createEndpoint(acme.adminToken(), "to-healthy", "healthy");
    String doomed = api.createEndpoint(acme.adminToken(), "to-doomed", "doomed");
    // Warm the endpoint cache, then drop a queue behind the relay's back: the cached route now
    // points at a queue that no longer exists, and its message insert fails.
    assertThat(inbound.post(healthy, "{\"warm\":1}", Map.of()).statusCode()).isEqualTo(202);
    assertThat(inbound.post(doomed, "{\"warm\":2}", Map.of()).statusCode()).isEqualTo(202);
    relay.relay().pool().preparedQuery("delete from queues where tenant_id = $1 and name = 'doomed'")
        .execute(Tuple.of(acme.id())).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    List<CompletableFuture<HttpResponse<String>>> good = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      good.add(inbound.send(inbound.request(healthy, "{\"good\":" + i + "}", Map.of())));
    }
    CompletableFuture<HttpResponse<String>> bad = inbound.send(inbound.request(doomed, "{\"bad\":1}", Map.of()));

    assertThat(good.stream().map(f -> f.join().statusCode())).containsOnly(202);
    HttpResponse<String> refused = bad.join();
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(ready("healthy")).isEqualTo(6);
  }

  private static int ready(String queue) {
    return api.as(acme.adminToken()).get("/v1/queues/" + queue).then().statusCode(200).extract().path("stats.ready");
  }

  private static double batchCount() {
    String metrics = api.anonymous().get("/metrics").asString();
    return metrics.lines().filter(l -> l.startsWith("inlet_ingest_batch_size_count"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
