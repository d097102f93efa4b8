package dev.inlet.relay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.app.EmbeddedDatabase;
import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.Inbound;
import dev.inlet.relay.testing.TestRelay;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's own PostgreSQL goes away mid-traffic and comes back on the same port. */
class DatabaseOutageTest {
  @TempDir
  Path dataDir;

  @Test
  void whileTheDatabaseIsDownProvidersGet503AndTheRelayRecoversWithoutARestart() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, port, false);
    try (TestRelay relay = TestRelay.start(database.url())) {
      Api api = new Api(relay);
      Inbound inbound = new Inbound(relay.baseUrl());
      Api.TenantAccess tenant = api.createTenant("outage");
      api.createQueue(tenant.adminToken(), "q");
      String endpoint = api.createEndpoint(tenant.adminToken(), "ep", "q");
      assertThat(inbound.post(endpoint, "{\"before\":1}", Map.of()).statusCode()).isEqualTo(202);

      database.close();
      HttpResponse<String> down = inbound.post(endpoint, "{\"during\":1}", Map.of());
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.headers().firstValue("Retry-After")).isPresent();
      assertThat(down.body()).contains("urn:inlet:problem:unavailable");
      assertThat(inbound.post("ep_0000000000000000000000", "{}", Map.of()).statusCode()).isEqualTo(503);
      assertThat(api.anonymous().get("/readyz").statusCode()).isEqualTo(503);
      assertThat(api.as(tenant.adminToken()).get("/v1/queues").statusCode()).isEqualTo(503);

      database = EmbeddedDatabase.start(dataDir, port, false);
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .until(() -> inbound.post(endpoint, "{\"after\":1}", Map.of()).statusCode() == 202);
      int ready = api.as(tenant.adminToken()).get("/v1/queues/q").then().statusCode(200).extract().path("stats.ready");
      assertThat(ready).isEqualTo(2);
    } finally {
      database.close();
    }
  }
}
