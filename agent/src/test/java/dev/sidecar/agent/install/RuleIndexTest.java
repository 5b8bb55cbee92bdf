package dev.sidecar.agent.install;

import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.agent.instrumentation.MethodMatcher;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Set;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RuleIndexTest {
  private static final ClassLoader LOADER = RuleIndexTest.class.getClassLoader();
  /** Sees the JDK's classes only. */
  private static final ClassLoader BLIND = new ClassLoader(null) {};

  private static final MethodMatcher ANY = method -> true;
  private final TypeRule logger = TypeRule.forNamed(Set.of("java.util.logging.Logger"), ANY, List.of(), List.of());
  private final TypeRule nested = TypeRule.forNamed(Set.of("a.b.Outer$Inner", "a.b.Other"), ANY, List.of(), List.of());
  private final TypeRule protocols = TypeRule.forNamesStartingWith("sun.net.www.protocol.", "java.net.HttpURLConnection",
      Set.of(), new ClassHeaders(), ANY, List.of(), List.of());
  private final TypeRule markers = TypeRule.forClassesOf(SubtypeIndexTest.Marker.class.getName(), new ClassHeaders(),
      ANY, List.of(), List.of());
  private final TypeRule alsoLogger = TypeRule.forNamed(Set.of("java.util.logging.Logger"), ANY, List.of(), List.of());
  private final RuleIndex index = new RuleIndex(List.of(markers, logger, nested, protocols, alsoLogger));

  @Test
  void aClassNoRuleNamesInALoaderThatCannotSeeATypeHasNoCandidates() {
    assertEquals(List.of(), index.candidates("org/apache/catalina/startup/Tomcat", BLIND));
    assertEquals(List.of(), index.candidates("java/util/logging/LogRecord", null));
    // Names are whole: neither a name's start nor its outer class counts.
    assertEquals(List.of(), index.candidates("java/util/logging/Logger$1", null));
    assertEquals(List.of(), index.candidates("a/b/Outer", BLIND));
  }

  @Test
  void namedClassesAreFoundByTheirInternalName() {
    assertEquals(List.of(logger, alsoLogger), index.candidates("java/util/logging/Logger", null));
    assertEquals(List.of(nested), index.candidates("a/b/Outer$Inner", BLIND));
    assertEquals(List.of(nested), index.candidates("a/b/Other", BLIND));
  }

  @Test
  void aNamesStartIsACandidateForItsSuperclassToDecide() throws Exception {
    assertEquals(List.of(protocols), index.candidates("sun/net/www/protocol/http/HttpURLConnection", null));
    assertFalse(protocols.matches(loaded(Logger.class, "sun/net/www/protocol/http/HttpURLConnection")));
    Class<?> connection = new java.net.URL("http://127.0.0.1:9/").openConnection().getClass();
    assertTrue(HttpURLConnection.class.isAssignableFrom(connection));
    assertTrue(protocols.matches(loaded(connection)));
  }

  @Test
  void anExcludedNameIsNoCandidate() {
    TypeRule excluding = TypeRule.forNamesStartingWith("sun.net.www.protocol.", "java.net.HttpURLConnection",
        Set.of("sun.net.www.protocol.https.HttpsURLConnectionImpl"), new ClassHeaders(), ANY, List.of(), List.of());
    assertFalse(excluding.mayMatch("sun/net/www/protocol/https/HttpsURLConnectionImpl", null));
    assertTrue(excluding.mayMatch("sun/net/www/protocol/http/HttpURLConnection", null));
  }

  /** Every class of a loader that sees the type is a candidate; its header decides later. */
  @Test
  void theClassesOfATypeAreCandidatesInTheLoadersThatSeeIt() {
    assertEquals(List.of(markers), index.candidates("any/Class", LOADER));
    assertEquals(List.of(), index.candidates("any/Class", BLIND));
    assertTrue(markers.matches(loaded(TypeRuleTest.Runs.class)));
    assertFalse(markers.matches(loaded(RuleIndexTest.class)));
  }

  /** Found by name and by loader at once, the rules keep the order they were given in. */
  @Test
  void candidatesKeepTheRulesOrder() {
    assertEquals(List.of(markers, logger, alsoLogger), index.candidates("java/util/logging/Logger", LOADER));
  }

  @Test
  void aNamedRuleMatchesOnlyItsNames() {
    assertTrue(logger.matches(loaded(Logger.class)));
    assertFalse(logger.matches(loaded(LogRecord.class)));
    assertTrue(TypeRule.forNamesStartingWith("java.util.logging.", "java.util.logging.Handler", Set.of(),
        new ClassHeaders(), named("publish"), List.of(), List.of()).matches(loaded(java.util.logging.StreamHandler.class)));
  }

  /** A class already loaded, under its own name or {@code internalName}. */
  private static TransformedClass loaded(Class<?> type, String internalName) {
    return new TransformedClass(internalName, type.getClassLoader(), type, null);
  }

  private static TransformedClass loaded(Class<?> type) {
    return loaded(type, type.getName().replace('.', '/'));
  }
}
