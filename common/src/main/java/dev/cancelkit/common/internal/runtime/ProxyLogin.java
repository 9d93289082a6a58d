package dev.cancelkit.common.internal.runtime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import okhttp3.Authenticator;
import okhttp3.Challenge;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a proxy's 407 with what {@link java.net.Authenticator} supplies, as the JDK's own HTTP
 * client does; once, so that refused credentials end in the 407 instead of a loop of retries.
 *
 * <p>OkHttp's own {@code JAVA_NET_AUTHENTICATOR} throws a {@link NullPointerException} for the
 * unresolved proxy addresses that the JDK's default {@link java.net.ProxySelector} hands out for
 * {@code -Dhttps.proxyHost=...}; this one asks by the proxy's host name and resolves it only as a
 * hint.
 */
final class ProxyLogin implements Authenticator {
  @Override
  public Request authenticate(Route route, Response response) {
    Request request = response.request();
    if (response.code() != 407 || request.header("Proxy-Authorization") != null) {
      return null; // not the proxy's, or these credentials were refused: the 407 is the answer
    }
    Proxy proxy = route == null ? null : route.proxy();
    if (proxy == null || !(proxy.address() instanceof InetSocketAddress address)) {
      return null;
    }
    HttpUrl url = request.url();
    for (Challenge challenge : response.challenges()) {
      if (!"Basic".equalsIgnoreCase(challenge.scheme())) {
        continue;
      }
      PasswordAuthentication login =
          java.net.Authenticator.requestPasswordAuthentication(
              address.getHostString(),
              resolved(address),
              address.getPort(),
              url.scheme(),
              challenge.realm(),
              challenge.scheme(),
              url.url(),
              java.net.Authenticator.RequestorType.PROXY);
      if (login != null) {
        String credential =
            Credentials.basic(
                login.getUserName(),
                new String(login.getPassword()),
                challenge.charset() != null ? challenge.charset() : StandardCharsets.ISO_8859_1);
        return request.newBuilder().header("Proxy-Authorization", credential).build();
      }
    }
    return null;
  }

  /** The proxy's address, resolved if it was not; null if it cannot be (the host name suffices). */
  private static InetAddress resolved(InetSocketAddress address) {
    if (!address.isUnresolved()) {
      return address.getAddress();
    }
    try {
      return InetAddress.getByName(address.getHostString());
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}
