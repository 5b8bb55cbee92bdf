package dev.sidecar.bootstrap.http;

/** Attribute names of OpenTelemetry's stable HTTP semantic conventions. */
public final class HttpAttributes {
  public static final String REQUEST_METHOD = "http.request.method";
  public static final String REQUEST_METHOD_ORIGINAL = "http.request.method_original";
  public static final String RESPONSE_STATUS_CODE = "http.response.status_code";
  public static final String URL_SCHEME = "url.scheme";
  public static final String URL_PATH = "url.path";
  public static final String URL_QUERY = "url.query";
  public static final String URL_FULL = "url.full";
  public static final String SERVER_ADDRESS = "server.address";
  public static final String SERVER_PORT = "server.port";
  public static final String CLIENT_ADDRESS = "client.address";
  /**
   * Text, or the peer's {@code InetSocketAddress}, from which the sidecar derives the address, the
   * port and, unless a proxy header named the client, {@code client.address}.
   */
  public static final String NETWORK_PEER_ADDRESS = "network.peer.address";
  public static final String NETWORK_PEER_PORT = "network.peer.port";
  public static final String HTTP_ROUTE = "http.route";
  public static final String NETWORK_PROTOCOL_VERSION = "network.protocol.version";
  public static final String USER_AGENT_ORIGINAL = "user_agent.original";
  public static final String ERROR_TYPE = "error.type";

  private HttpAttributes() {}
}
