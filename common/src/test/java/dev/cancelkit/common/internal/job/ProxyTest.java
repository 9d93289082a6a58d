package dev.cancelkit.common.internal.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cancelkit.common.CancelState;
import dev.cancelkit.common.TransportException;
import dev.cancelkit.common.UnexpectedStatusException;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Corporate networks: a proxy that asks for a login gets what {@link Authenticator} supplies; a 407
 * is blamed on the proxy; a user's own OkHttp client is the base. The loopback server plays the
 * proxy; the provider's host name is never resolved.
 */
class ProxyTest {
  private static final String PROVIDER_URL = "http://api.provider.test/v1";

  private ProxySelector savedSelector;
  private TestServer t;

  @BeforeEach
  void save() {
    savedSelector = ProxySelector.getDefault();
  }

  @AfterEach
  void restore() throws IOException {
    ProxySelector.setDefault(savedSelector);
    Authenticator.setDefault(null);
    if (t != null) {
      t.close();
    }
  }

  /** Sends everything to the proxy on loopback port {@code port}, read when each call starts. */
  private static ProxySelector through(AtomicInteger port) {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", port.get())));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    };
  }

  private static MockResponse proxyAuthRequired() {
    return new MockResponse()
        .setResponseCode(407)
        .setHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
        .setBody("<html>login required</html>");
  }

  /** A client for the provider whose requests go through the JDK's default proxy selector. */
  private TestServer proxied() throws IOException {
    AtomicInteger port = new AtomicInteger();
    ProxySelector.setDefault(through(port)); // read when the client is built, as a user's would be
    TestServer s = TestServer.with().baseUrl(PROVIDER_URL).start();
    port.set(s.server.getPort());
    return s;
  }

  @Test
  void aProxyLoginComesFromJavaNetAuthenticator() throws Exception {
    t = proxied();
    Authenticator.setDefault(
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return getRequestorType() == RequestorType.PROXY
                ? new PasswordAuthentication("alice", "s3cret".toCharArray())
                : null;
          }
        });
    t.server.enqueue(proxyAuthRequired());
    t.enqueue(200, "{\"status\":\"cancelled\"}");

    assertEquals(CancelState.CANCELLED, t.jobs.cancel("j").state());

    RecordedRequest first = t.server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest second = t.server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST " + PROVIDER_URL + "/jobs/j/cancel HTTP/1.1", first.getRequestLine());
    assertNull(first.getHeader("Proxy-Authorization"));
    assertEquals("Basic YWxpY2U6czNjcmV0", second.getHeader("Proxy-Authorization"));
    assertEquals("Bearer " + TestServer.KEY, second.getHeader("Authorization"));
  }

  /** As the README says: the JDK's default selector, from system properties, and a login. */
  private void throughSystemProperties(String scheme, int port) {
    System.setProperty(scheme + ".proxyHost", "127.0.0.1");
    System.setProperty(scheme + ".proxyPort", Integer.toString(port));
    ProxySelector.setDefault(jdkDefault);
    Authenticator.setDefault(
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            asked.add(getRequestingHost() + ":" + getRequestingPort() + " " + getRequestorType());
            return new PasswordAuthentication("alice", "s3cret".toCharArray());
          }
        });
  }

  private final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final ProxySelector jdkDefault = ProxySelector.getDefault();

  @AfterEach
  void clearProperties() {
    for (String p :
        List.of("http.proxyHost", "http.proxyPort", "https.proxyHost", "https.proxyPort")) {
      System.clearProperty(p);
    }
  }

  @Test
  void aProxyFromSystemPropertiesGetsTheLoginForAnHttpTarget() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.start();
      throughSystemProperties("http", proxy.getPort());
      t = TestServer.with().baseUrl(PROVIDER_URL).start();
      proxy.enqueue(proxyAuthRequired());
      proxy.enqueue(new MockResponse().setBody("{\"status\":\"cancelled\"}"));

      assertEquals(CancelState.CANCELLED, t.jobs.cancel("j").state());

      RecordedRequest first = proxy.takeRequest(5, TimeUnit.SECONDS);
      RecordedRequest second = proxy.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("POST " + PROVIDER_URL + "/jobs/j/cancel HTTP/1.1", first.getRequestLine());
      assertNull(first.getHeader("Proxy-Authorization"));
      assertEquals("Basic YWxpY2U6czNjcmV0", second.getHeader("Proxy-Authorization"));
      assertEquals(List.of("127.0.0.1:" + proxy.getPort() + " PROXY"), asked);
      assertEquals(0, t.server.getRequestCount());
    }
  }

  @Test
  void aProxyFromSystemPropertiesGetsTheLoginForAnHttpsTunnel() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.start();
      throughSystemProperties("https", proxy.getPort());
      t = TestServer.with().baseUrl("https://api.provider.test/v1").start();
      proxy.enqueue(proxyAuthRequired());
      proxy.enqueue(proxyAuthRequired()); // refuses the login too: the tunnel never opens

      TransportException e = assertThrows(TransportException.class, () -> t.jobs.cancel("j"));

      RecordedRequest first = proxy.takeRequest(5, TimeUnit.SECONDS);
      RecordedRequest second = proxy.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("CONNECT api.provider.test:443 HTTP/1.1", first.getRequestLine());
      assertNull(first.getHeader("Proxy-Authorization"));
      assertEquals("CONNECT api.provider.test:443 HTTP/1.1", second.getRequestLine());
      assertEquals("Basic YWxpY2U6czNjcmV0", second.getHeader("Proxy-Authorization"));
      assertNull(second.getHeader("Authorization"), "the key never goes to the proxy");
      assertEquals(List.of("127.0.0.1:" + proxy.getPort() + " PROXY"), asked);
      assertFalse(e.requestSent());
      assertTrue(e.getMessage().contains("Failed to authenticate with proxy"), e.getMessage());
      assertEquals(2, proxy.getRequestCount());
    }
  }

  @Test
  void aProxyThatRefusesIsNamedAsTheProxyNotTheProvider() throws Exception {
    t = proxied();
    Authenticator.setDefault(
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication("alice", "wrong".toCharArray());
          }
        });
    t.server.enqueue(proxyAuthRequired());
    t.server.enqueue(proxyAuthRequired());

    UnexpectedStatusException e =
        assertThrows(UnexpectedStatusException.class, () -> t.jobs.cancel("j"));

    assertEquals(407, e.statusCode());
    assertEquals(
        "testprov: the proxy refused the request (HTTP 407 Proxy Authentication Required); give it"
            + " credentials with java.net.Authenticator, or pass an okHttpClient with a"
            + " proxyAuthenticator",
        e.getMessage());
    assertEquals(2, t.server.getRequestCount()); // refused credentials are not sent again
  }

  @Test
  void aGivenOkHttpClientIsTheBaseAndCancelkitsRulesApplyOnTop() throws Exception {
    try (MockWebServer proxy = new MockWebServer()) {
      proxy.start();
      proxy.enqueue(new MockResponse().setBody("{\"status\":\"cancelled\"}"));
      OkHttpClient corporate =
          new OkHttpClient.Builder()
              .proxy(
                  new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.getPort())))
              .addInterceptor(
                  chain ->
                      chain.proceed(chain.request().newBuilder().header("X-Corp", "on").build()))
              .readTimeout(Duration.ofMinutes(10))
              .followRedirects(true)
              .build();
      t =
          TestServer.with()
              .okHttpClient(corporate)
              .baseUrl(PROVIDER_URL)
              .timeout(Duration.ofSeconds(3))
              .start();

      assertEquals(CancelState.CANCELLED, t.jobs.cancel("j").state());

      RecordedRequest r = proxy.takeRequest(5, TimeUnit.SECONDS);
      assertEquals("POST " + PROVIDER_URL + "/jobs/j/cancel HTTP/1.1", r.getRequestLine());
      assertEquals("on", r.getHeader("X-Corp"));
      assertEquals("Bearer " + TestServer.KEY, r.getHeader("Authorization"));
      OkHttpClient http = t.runtime.http();
      assertEquals(3000, http.readTimeoutMillis());
      assertFalse(http.followRedirects());
      assertEquals(600_000, corporate.readTimeoutMillis(), "the user's client is left as it was");
      assertEquals(0, t.server.getRequestCount());
    }
  }
}
