package dev.inlet.relay.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.relay.testing.Api;
import dev.inlet.relay.testing.RelayExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP edge against slow, idle and oversized clients, spoken to over a raw socket. */
class EdgeTest {
  @RegisterExtension
  static final RelayExtension relay = RelayExtension.withSettings(
      Map.of("INLET_BODY_READ_TIMEOUT_SECONDS", "1", "INLET_HTTP_IDLE_TIMEOUT_SECONDS", "2"));
  static String endpoint;

  @BeforeAll
  static void start() {
    Api api = relay.api();
    Api.TenantAccess acme = relay.newTenant("acme");
    api.createQueue(acme.adminToken(), "edge");
    endpoint = api.createEndpoint(acme.adminToken(), "edge-in", "edge");
  }


  @Test
  void aBodyThatDoesNotArriveInTimeIsRefusedWith408AndTheConnectionClosed() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "POST /in/" + endpoint + " HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"slow\":");
      String answer = readUntilClosed(socket, 5_000);
      assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json").contains("request-timeout");
    }
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    try (Socket socket = connect()) {
      long start = System.nanoTime();
      assertThat(readUntilClosed(socket, 6_000)).isEmpty();
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_500L, 5_500L);
    }
  }

  @Test
  void aLargeBodyThatIsNotWantedIsNotReadTheConnectionCloses() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "POST /in/ep_doesnotexist0000000000000 HTTP/1.1\r\nHost: relay\r\nContent-Length: 10000000\r\n\r\n"
          + "x".repeat(1000));
      String answer = readUntilClosed(socket, 5_000);
      assertThat(answer).startsWith("HTTP/1.1 404").containsIgnoringCase("connection: close");
    }
  }

  @Test
  void cleartextHttp2IsNotOfferedUnlessConfigured() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "GET /healthz HTTP/1.1\r\nHost: relay\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
          + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
      String answer = readSome(socket);
      assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("101 Switching Protocols");
    }
  }

  private static Socket connect() throws Exception {
    Socket socket = new Socket("127.0.0.1", relay.port());
    socket.setSoTimeout(8_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Everything the relay sends until it closes the connection (or the time is up: then that fails). */
  private static String readUntilClosed(Socket socket, int millis) throws Exception {
    socket.setSoTimeout(millis);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the relay kept the connection open; it sent: " + all, e);
    } catch (java.net.SocketException reset) {
      // Closed while our unread bytes were in flight: a reset also ends the connection.
    }
    return all.toString(StandardCharsets.UTF_8);
  }

  private static String readSome(Socket socket) throws Exception {
    byte[] buffer = new byte[4096];
    int n = socket.getInputStream().read(buffer);
    return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
  }
}
