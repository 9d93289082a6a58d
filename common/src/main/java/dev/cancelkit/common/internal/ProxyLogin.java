package dev.cancelkit.common.internal;

import java.io.IOException;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a proxy's 407 with what {@link java.net.Authenticator} supplies, as the JDK's own HTTP
 * client does; once, so that refused credentials end in the 407 instead of a loop of retries.
 */
final class ProxyLogin implements Authenticator {
  @Override
  public Request authenticate(Route route, Response response) throws IOException {
    if (response.request().header("Proxy-Authorization") != null) {
      return null; // these credentials were refused: the 407 is the answer
    }
    return Authenticator.JAVA_NET_AUTHENTICATOR.authenticate(route, response);
  }
}
