package dev.sidecar.bootstrap.http;

/**
 * The route a server matched on its own, before any framework: a servlet's mapping, the path of a
 * JDK {@code HttpServer} context. The same strings the OpenTelemetry agent gives {@code http.route}
 * for them, so that dashboards keyed on span names carry over. A framework's route, matched later,
 * replaces it ({@link HttpServerSpans#route}).
 */
public final class ServerRoutes {
  /** False once a container's servlet API turned out older than 4.0, which has no mappings to read. */
  private static volatile boolean servletMappings = true;

  private ServerRoutes() {}

  /** Whether advice may ask the servlet API for a request's mapping ({@code HttpServletMapping}, Servlet 4.0 on). */
  public static boolean servletMappings() {
    return servletMappings;
  }

  /** A Servlet 3 API: advice stops asking for mappings and takes the route from the request's paths. */
  public static void noServletMappings() {
    servletMappings = false;
  }

  /**
   * The route of a servlet request, from its {@code HttpServletMapping}: {@code match} is the
   * name of its {@code MappingMatch}, {@code pattern} the mapping that matched; the request's
   * {@code servletPath} is needed for the default servlet and extension mappings and its
   * {@code pathInfo} for a path mapping (each may be null otherwise), all within the context at
   * {@code contextPath}. Null when the mapping is unknown.
   */
  public static String servlet(String contextPath, String match, String pattern, String servletPath,
      String pathInfo) {
    if (match == null || pattern == null) {
      return null;
    }
    String route;
    switch (match) {
      case "EXACT":
        route = pattern;
        break;
      case "PATH":
        // "/*" catches everything, as the default servlet does: the context's root is "/".
        route = "/*".equals(pattern) && (pathInfo == null || pathInfo.equals("/")) ? "/" : pattern;
        break;
      case "DEFAULT":
        route = "/".equals(servletPath) ? "/" : "/*";
        break;
      case "CONTEXT_ROOT":
        route = "/";
        break;
      case "EXTENSION":
        // A JSP is its own route; other extensions name the mapping.
        boolean jsp = pattern.equals("*.jsp") || pattern.equals("*.jspx");
        route = jsp && servletPath != null ? servletPath : "/" + pattern;
        break;
      default:
        return null;
    }
    return inContext(contextPath, route);
  }

  /**
   * The route of a servlet request whose container tells no mapping (Servlet 3), from its paths:
   * a path info means a path mapping, whose prefix is the servlet path ({@code /api} of
   * {@code /api/*}); an empty servlet path is the {@code /*} or the context root's mapping:
   * {@code /} when the path info is {@code /} or none, else {@code /*}. A servlet path without a
   * path info is an exact, extension or default mapping, or a path mapping's bare prefix, which the
   * request does not tell apart: null, and the span keeps the method's name.
   */
  public static String pathMapping(String contextPath, String servletPath, String pathInfo) {
    if (servletPath == null) {
      return null;
    }
    if (servletPath.isEmpty()) {
      return inContext(contextPath, pathInfo == null || pathInfo.equals("/") ? "/" : "/*");
    }
    return pathInfo != null ? inContext(contextPath, servletPath + "/*") : null;
  }

  /** The route of a request to a JDK {@code HttpServer} context: the path the context was created with. */
  public static String context(String contextPath) {
    return contextPath != null && contextPath.startsWith("/") ? contextPath : null;
  }

  /** The route {@code route}, a path within the context, under the context at {@code contextPath}. */
  static String inContext(String contextPath, String route) {
    if (route == null || route.isEmpty() || !route.startsWith("/")) {
      return null;
    }
    if (contextPath == null || contextPath.isEmpty() || contextPath.equals("/")) {
      return route;
    }
    return contextPath + route;
  }
}
