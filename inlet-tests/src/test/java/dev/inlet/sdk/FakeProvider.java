package dev.inlet.sdk;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1 that plays scripted responses and records every request. */
final class FakeProvider implements AutoCloseable {
  record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
    static Reply of(int status, String body) {
      return new Reply(status, Map.of(), body, 0);
    }

    Reply header(String name, String value) {
      var h = new java.util.HashMap<>(headers);
      h.put(name, value);
      return new Reply(status, h, body, delayMillis);
    }

    Reply delayed(long millis) {
      return new Reply(status, headers, body, millis);
    }
  }

  record Recorded(String path, Headers headers) {}

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  final List<Recorded> requests = new CopyOnWriteArrayList<>();

  FakeProvider() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      requests.add(new Recorded(exchange.getRequestURI().toString(), exchange.getRequestHeaders()));
      Reply reply = script.poll();
      if (reply == null) {
        reply = Reply.of(500, "script exhausted");
      }
      try {
        Thread.sleep(reply.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reply.headers().forEach(exchange.getResponseHeaders()::add);
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
  }

  FakeProvider enqueue(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
