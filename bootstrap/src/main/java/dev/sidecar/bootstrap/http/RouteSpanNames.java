package dev.sidecar.bootstrap.http;

/**
 * A span's name for its route, {@code GET /owners/{ownerId}}, or {@code HTTP /owners/{ownerId}} for
 * a method outside the standard set. The last name made is kept: a server's requests repeat a few
 * routes, and a request spared the string's concatenation allocates less.
 */
final class RouteSpanNames {
  private static volatile RouteSpanNames last = new RouteSpanNames(null, "", "");

  private final Object method;
  private final String route;
  private final String name;

  private RouteSpanNames(Object method, String route, String name) {
    this.method = method;
    this.route = route;
    this.name = name;
  }

  /** {@code method} is the span's {@code http.request.method}, one of {@link HttpMethods}' constants. */
  static String of(Object method, String route) {
    RouteSpanNames known = last;
    if (known.method == method && known.route.equals(route)) {
      return known.name;
    }
    String name = method == null || method == HttpMethods.OTHER ? "HTTP " + route : method + " " + route;
    last = new RouteSpanNames(method, route, name);
    return name;
  }
}
