package dev.sidecar.agent.export;

/**
 * Removes credentials from {@code url.full} before it leaves the process: user info becomes
 * {@code REDACTED:REDACTED}, and the values of query parameters known to carry signatures or keys
 * become {@code REDACTED}, as OpenTelemetry's semantic conventions ask.
 */
final class UrlRedactor {
  private static final String REDACTED = "REDACTED";
  private static final String[] SENSITIVE_PARAMETERS = {"AWSAccessKeyId", "Signature", "sig", "X-Goog-Signature"};

  private UrlRedactor() {}

  static String redact(String url) {
    return redactQuery(redactUserInfo(url));
  }

  private static String redactUserInfo(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return url;
    }
    int authorityStart = schemeEnd + 3;
    int authorityEnd = authorityStart;
    while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
      authorityEnd++;
    }
    int at = url.lastIndexOf('@', authorityEnd - 1);
    if (at < authorityStart) {
      return url;
    }
    return url.substring(0, authorityStart) + REDACTED + ":" + REDACTED + url.substring(at);
  }

  private static String redactQuery(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return url;
    }
    int fragment = url.indexOf('#', query);
    int end = fragment < 0 ? url.length() : fragment;
    StringBuilder out = new StringBuilder(url.length()).append(url, 0, query + 1);
    int start = query + 1;
    while (start <= end) {
      int amp = url.indexOf('&', start);
      int paramEnd = amp < 0 || amp > end ? end : amp;
      String param = url.substring(start, paramEnd);
      int eq = param.indexOf('=');
      String name = eq < 0 ? param : param.substring(0, eq);
      out.append(eq >= 0 && isSensitive(name) ? name + "=" + REDACTED : param);
      if (paramEnd < end) {
        out.append('&');
      }
      start = paramEnd + 1;
    }
    return out.append(url, end, url.length()).toString();
  }

  private static boolean isSensitive(String name) {
    for (String sensitive : SENSITIVE_PARAMETERS) {
      if (sensitive.equals(name)) {
        return true;
      }
    }
    return false;
  }
}
