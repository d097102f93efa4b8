package dev.inlet.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a real relay, for what a relay does not do on demand: it
 * {@link #cut()}s every connection through it at once (the relay sees its streams close and takes
 * their leases back; the client sees its stream end), and {@link #refuse(int)}s new connections
 * for a while with an HTTP problem, as a relay or its load balancer would. It counts the SSE
 * {@code event: message} lines it passed on.
 */
final class CuttingProxy implements AutoCloseable {
  final AtomicInteger refused = new AtomicInteger();
  final AtomicInteger events = new AtomicInteger();
  private volatile int refusing; // 0: forward
  private final InetSocketAddress relay;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  CuttingProxy(String relayBaseUrl) throws IOException {
    URI uri = URI.create(relayBaseUrl);
    relay = new InetSocketAddress(uri.getHost(), uri.getPort());
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Closes every connection through the proxy, on both sides. */
  void cut() {
    open.forEach(CuttingProxy::closeQuietly);
  }

  /** Answers each new connection's request with {@code status}, until {@link #forward()}. */
  void refuse(int status) {
    refusing = status;
  }

  void forward() {
    refusing = 0;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> serve(client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    int status = refusing;
    if (status != 0) {
      refuse(client, status);
      return;
    }
    Socket upstream = new Socket();
    open.add(client);
    open.add(upstream);
    try {
      upstream.connect(relay);
      threads.execute(() -> pump(client, upstream, false));
      pump(upstream, client, true);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  /** Copies {@code from} to {@code to} until either closes, then closes both. */
  private void pump(Socket from, Socket to, boolean countEvents) {
    StringBuilder line = new StringBuilder();
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, n);
        out.flush();
        if (countEvents) {
          count(buffer, n, line);
        }
      }
    } catch (IOException cutOrGone) {
      // cut, or one side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private void count(byte[] bytes, int n, StringBuilder line) {
    for (int i = 0; i < n; i++) {
      if (bytes[i] == '\n') {
        if (line.toString().equals("event: message")) {
          events.incrementAndGet();
        }
        line.setLength(0);
      } else if (bytes[i] != '\r' && line.length() < 20) {
        line.append((char) bytes[i]);
      }
    }
  }

  private void refuse(Socket client, int status) {
    refused.incrementAndGet();
    try (client) {
      readRequestHead(client.getInputStream());
      byte[] body = ("{\"type\":\"urn:inlet:problem:unavailable\",\"title\":\"Service unavailable\",\"status\":"
          + status + ",\"detail\":\"the proxy refuses for now\"}").getBytes(StandardCharsets.UTF_8);
      String head = "HTTP/1.1 " + status + " Refused\r\nContent-Type: application/problem+json\r\n"
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
      OutputStream out = client.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    } catch (IOException gone) {
      // the client went away
    }
  }

  /** Reads up to the blank line that ends the request's head (a refused request's body is not read). */
  private static void readRequestHead(InputStream in) throws IOException {
    int last4 = 0;
    for (int b; (b = in.read()) != -1; ) {
      last4 = (last4 << 8) | b;
      if (last4 == 0x0d0a0d0a) {
        return;
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closeQuietly(server);
    cut();
    threads.shutdownNow();
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
