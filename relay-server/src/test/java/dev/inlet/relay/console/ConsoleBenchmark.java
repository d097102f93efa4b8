package dev.inlet.relay.console;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.TestDatabase;
import dev.inlet.relay.testing.TestRelay;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;

/**
 * How long the console's overview takes for a big tenant: 50 queues (1,000 ready messages each,
 * an hour of per-minute rates), 5 endpoints with 100,000 request-log rows in the last hour, and
 * 1,000,000 stored events over 7 days — seeded with generate_series, then loaded in headless
 * Chromium five times. Prints the timings; asserts none (docs/console.md, docs/benchmarks.md).
 *
 * <pre>mvn -B -Pbench-console -pl relay-server verify -DskipTests</pre>
 */
public final class ConsoleBenchmark {
  static final int QUEUES = 50;
  static final int ENDPOINTS = 5;
  static final int EVENTS = Integer.getInteger("inlet.bench.events", 1_000_000);
  static final int READY_PER_QUEUE = 1_000;
  static final int REQUESTS_LAST_HOUR = 100_000;
  static final int RUNS = 5;

  public static void main(String[] args) throws Exception {
    String databaseUrl = TestDatabase.get().newDatabase();
    try (TestRelay relay = TestRelay.start(databaseUrl, Map.of())) {
      Api api = new Api(relay);
      Api.TenantAccess tenant = api.createTenant("bench-console");
      List<String> queues = new ArrayList<>();
      for (int q = 0; q < QUEUES; q++) {
        String name = String.format("bench-%02d", q);
        api.createQueue(tenant.adminToken(), name);
        queues.add(name);
      }
      List<String> endpoints = new ArrayList<>();
      for (int e = 0; e < ENDPOINTS; e++) {
        endpoints.add(api.createEndpoint(tenant.adminToken(), "source-" + e,
            queues.subList(e * 10, e * 10 + 10).toArray(String[]::new)));
      }
      long seeded = System.nanoTime();
      seed(databaseUrl, tenant.id(), endpoints);
      System.out.printf("seeded %,d events, %,d messages, %,d request-log rows in %.1f s%n", EVENTS,
          QUEUES * READY_PER_QUEUE, REQUESTS_LAST_HOUR, (System.nanoTime() - seeded) / 1e9);

      apiTimings(relay.baseUrl(), tenant.adminToken(), queues, endpoints);
      try (Browser browser = Browser.start()) {
        browser.driver.get(relay.baseUrl() + "/console/");
        browser.driver.findElement(By.id("token")).sendKeys(tenant.adminToken());
        browser.driver.findElement(By.id("sign-in")).click();
        long[] wall = new long[RUNS];
        long[] data = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
          long start = System.nanoTime();
          browser.driver.navigate().refresh();
          browser.wait.until(d -> d.findElements(By.cssSelector("tr[data-queue]")).size() == QUEUES
              && d.findElements(By.cssSelector("tr[data-endpoint] td.accepted")).stream()
                  .noneMatch(cell -> cell.getText().equals("—"))
              && d.findElements(By.cssSelector("tr[data-event]")).size() == 10);
          wall[run] = (System.nanoTime() - start) / 1_000_000;
          data[run] = Long.parseLong(String.valueOf(
              browser.driver.executeScript("return document.documentElement.dataset.overviewMs")));
          System.out.printf("run %d: overview shown in %d ms (page load + data; the data alone: %d ms)%n",
              run + 1, wall[run], data[run]);
        }
        browser.screenshot("overview-50-queues-1m-events");
        Arrays.sort(wall);
        Arrays.sort(data);
        System.out.printf("overview, 50 queues / 1M events: median %d ms, worst %d ms (data alone: median %d ms)%n",
            wall[RUNS / 2], wall[RUNS - 1], data[RUNS / 2]);
      }
    }
    System.exit(0);
  }

  /** Each call the overview makes, alone and one at a time: where its time goes. */
  private static void apiTimings(String base, String token, List<String> queues, List<String> endpoints) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    Map<String, List<String>> calls = new java.util.LinkedHashMap<>();
    calls.put("GET /v1/queues?limit=100", List.of("/v1/queues?limit=100"));
    calls.put("GET /v1/endpoints?limit=100", List.of("/v1/endpoints?limit=100"));
    calls.put("GET /v1/events?limit=10", List.of("/v1/events?limit=10"));
    calls.put("GET /v1/queues?stats=true&limit=100 (what the overview asks)", List.of("/v1/queues?stats=true&limit=100"));
    calls.put("GET /v1/queues/{q} (each of 50; what it would cost one by one)", queues.stream().map(q -> "/v1/queues/" + q).toList());
    calls.put("GET /v1/endpoints/{id}/requests/stats?window=3600 (each of 5)",
        endpoints.stream().map(e -> "/v1/endpoints/" + e + "/requests/stats?window=3600").toList());
    for (int round = 0; round < 2; round++) {
      for (var call : calls.entrySet()) {
        long total = 0;
        long worst = 0;
        for (String path : call.getValue()) {
          long start = System.nanoTime();
          var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
              .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
          long ms = (System.nanoTime() - start) / 1_000_000;
          if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
          }
          total += ms;
          worst = Math.max(worst, ms);
        }
        if (round == 1) {
          System.out.printf("  %s: %d ms in all, worst %d ms%n", call.getKey(), total, worst);
        }
      }
    }
  }

  private static void seed(String databaseUrl, String tenantId, List<String> endpoints) throws SQLException {
    try (Connection c = TestDatabase.connect(databaseUrl)) {
      String[] endpointArray = endpoints.toArray(String[]::new);
      // Event g goes to queue g % 50, of endpoint (g % 50) / 10: what routing would have done.
      run(c, """
          insert into events (tenant_id, id, endpoint_id, received_at, method, path_query, headers, content_type,
                              body, dedupe_key, source_address, event_type, queue_ids)
          select ?, 'evt_' || substr(md5(g::text) || md5('x' || g), 1, 22), (?::text[])[1 + (g % 50) / 10],
                 now() - g * interval '600 milliseconds', 'POST', '/in/bench',
                 '{"content-type":["application/json"]}'::jsonb, 'application/json',
                 convert_to('{"id":"o_' || g || '","type":"order.created","amount":' || (g % 997) || '}', 'UTF8'),
                 'sha256:' || md5(g::text), '127.0.0.1', 'order.created',
                 array[(select id from queues where tenant_id = ? and name = 'bench-' || lpad((g % 50)::text, 2, '0'))]
          from generate_series(1, ?) g""", tenantId, endpointArray, tenantId, EVENTS);
      run(c, """
          insert into messages (tenant_id, queue_id, event_id, event_received_at, state, visible_at, enqueued_at)
          select e.tenant_id, e.queue_ids[1], e.id, e.received_at, 'ready', e.received_at, e.received_at
          from events e where e.tenant_id = ? and e.received_at > now() - ? * interval '600 milliseconds'""",
          tenantId, QUEUES * READY_PER_QUEUE + 1);
      run(c, """
          insert into queue_rates (tenant_id, queue_id, minute, enqueued, acked)
          select q.tenant_id, q.id, date_trunc('minute', now()) - m * interval '1 minute', 100 + (m * 7) % 40, 90 + (m * 11) % 50
          from queues q, generate_series(0, 59) m where q.tenant_id = ?""", tenantId);
      run(c, """
          insert into request_log (tenant_id, endpoint_id, received_at, outcome, reason, event_id, source_address,
                                   method, body_size, event_type)
          select ?, (?::text[])[1 + g % 5], now() - g * (interval '1 hour' / ?),
                 case when g % 50 = 0 then 'refused' when g % 97 = 0 then 'duplicate' else 'accepted' end,
                 case when g % 50 = 0 then 'signature_mismatch' end, null, '127.0.0.1', 'POST', 120, 'order.created'
          from generate_series(1, ?) g""", tenantId, endpointArray, REQUESTS_LAST_HOUR, REQUESTS_LAST_HOUR);
      run(c, "analyze");
    }
  }

  private static void run(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        if (params[i] instanceof String[] array) {
          statement.setArray(i + 1, c.createArrayOf("text", array));
        } else {
          statement.setObject(i + 1, params[i]);
        }
      }
      long start = System.nanoTime();
      statement.execute();
      System.out.printf("  %s… %.1f s%n", sql.strip().lines().findFirst().orElse("").strip(), (System.nanoTime() - start) / 1e9);
    }
  }
}
