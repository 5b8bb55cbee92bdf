package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UrlRedactorTest {
  @Test
  void userInfoIsReplaced() {
    assertEquals("https://REDACTED:REDACTED@host:8443/p?q=1", UrlRedactor.redact("https://user:pass@host:8443/p?q=1"));
    assertEquals("http://REDACTED:REDACTED@host", UrlRedactor.redact("http://user@host"));
    assertEquals("http://REDACTED:REDACTED@host#f", UrlRedactor.redact("http://u:p@host#f"));
  }

  @Test
  void urlsWithoutCredentialsAreUnchanged() {
    for (String url : new String[] {"https://host:8443/p?q=1", "http://host", "http://host/", "http://[::1]:8080/a/b",
        "http://host/p?a=1&b=2#frag", "/relative/path?x=1", "http://host/?"}) {
      assertEquals(url, UrlRedactor.redact(url));
    }
  }

  @Test
  void signatureParametersAreRedacted() {
    assertEquals("https://s3.example/b/k?AWSAccessKeyId=REDACTED&Signature=REDACTED&x=1",
        UrlRedactor.redact("https://s3.example/b/k?AWSAccessKeyId=AKIA&Signature=abc&x=1"));
    assertEquals("https://blob.example/c?sv=2020&sig=REDACTED&se=2030",
        UrlRedactor.redact("https://blob.example/c?sv=2020&sig=s3cr3t%3D&se=2030"));
    assertEquals("https://storage.example/o?X-Goog-Algorithm=GOOG4&X-Goog-Signature=REDACTED",
        UrlRedactor.redact("https://storage.example/o?X-Goog-Algorithm=GOOG4&X-Goog-Signature=0a1b2c"));
  }

  @Test
  void onlyExactParameterNamesAreSensitive() {
    String url = "https://h/p?signature=a&Sig=b&mysig=c&sigx=d&Signature2=e";
    assertEquals(url, UrlRedactor.redact(url));
  }

  @Test
  void emptySensitiveValueIsStillRedacted() {
    assertEquals("https://h/p?sig=REDACTED&a=1", UrlRedactor.redact("https://h/p?sig=&a=1"));
  }

  @Test
  void fragmentAfterTheQueryIsKept() {
    assertEquals("https://h/p?Signature=REDACTED&x=1#section-2",
        UrlRedactor.redact("https://h/p?Signature=abc&x=1#section-2"));
    assertEquals("https://h/p?sig=REDACTED#a&sig=b", UrlRedactor.redact("https://h/p?sig=abc#a&sig=b"));
  }

  @Test
  void parameterWithoutEqualsIsKept() {
    assertEquals("https://h/p?flag&Signature=REDACTED&sig", UrlRedactor.redact("https://h/p?flag&Signature=abc&sig"));
    assertEquals("https://h/p?a=1&&b=2&", UrlRedactor.redact("https://h/p?a=1&&b=2&"));
  }

  @Test
  void atSignInPathOrQueryIsNotUserInfo() {
    assertEquals("https://host/users/me@example.com", UrlRedactor.redact("https://host/users/me@example.com"));
    assertEquals("https://host?email=me@example.com", UrlRedactor.redact("https://host?email=me@example.com"));
    assertEquals("https://host/p?email=me@example.com&sig=REDACTED",
        UrlRedactor.redact("https://host/p?email=me@example.com&sig=x"));
    assertEquals("https://host#me@example.com", UrlRedactor.redact("https://host#me@example.com"));
  }

  @Test
  void userInfoAndQueryTogether() {
    assertEquals("https://REDACTED:REDACTED@host/p@q?sig=REDACTED&to=a@b",
        UrlRedactor.redact("https://u:p@host/p@q?sig=abc&to=a@b"));
    assertEquals("https://REDACTED:REDACTED@host", UrlRedactor.redact("https://us@r:p@ss@host"));
  }
}
