package dev.inlet.relay.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Posts to inbound endpoints the way providers do, one at a time or many at once. */
public final class Inbound {
  /** HTTP/1.1, as providers send webhooks. */
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Supplier<String> baseUrl;

  public Inbound(String baseUrl) {
    this(() -> baseUrl);
  }

  /** Against whatever {@code baseUrl} answers at each request (a relay restarted in place, say). */
  public Inbound(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  public HttpResponse<String> post(String endpointId, String body, Map<String, String> headers) {
    return send(request(endpointId, body, headers)).join();
  }

  /** Bytes as they are, binary or not. */
  public HttpResponse<String> post(String endpointId, byte[] body, Map<String, String> headers) {
    return send(request(endpointId, HttpRequest.BodyPublishers.ofByteArray(body), headers)).join();
  }

  /** Fires all requests at once and waits for every answer. */
  public List<HttpResponse<String>> postConcurrently(int copies, String endpointId, String body,
      Map<String, String> headers) {
    List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      futures.add(send(request(endpointId, body, headers)));
    }
    return futures.stream().map(CompletableFuture::join).toList();
  }

  public CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpRequest request(String endpointId, String body, Map<String, String> headers) {
    return request(endpointId, HttpRequest.BodyPublishers.ofString(body), headers);
  }

  private HttpRequest request(String endpointId, HttpRequest.BodyPublisher body, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl.get() + "/in/" + endpointId))
        .timeout(Duration.ofSeconds(30))
        .POST(body);
    headers.forEach(builder::header);
    if (!headers.containsKey("Content-Type")) {
      builder.header("Content-Type", "application/json");
    }
    return builder.build();
  }
}
