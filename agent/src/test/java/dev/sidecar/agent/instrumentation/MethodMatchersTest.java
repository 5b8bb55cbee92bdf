package dev.sidecar.agent.instrumentation;

import static dev.sidecar.agent.instrumentation.MethodMatchers.isPublic;
import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.namedOneOf;
import static dev.sidecar.agent.instrumentation.MethodMatchers.none;
import static dev.sidecar.agent.instrumentation.MethodMatchers.not;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Modifier;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The names a matcher needs, by which a class without any of them is passed over unread. */
class MethodMatchersTest {
  private static final MethodShape SERVICE = new MethodShape(Modifier.PUBLIC, "service", "(II)V");

  @Test
  void namedMatchersKnowTheirNames() {
    assertEquals(Set.of("service"), named("service").names());
    assertEquals(Set.of("doGet", "doPost"), namedOneOf("doGet", "doPost").names());
    assertEquals(Set.of(), none().names());
    assertFalse(none().matches(SERVICE));
  }

  @Test
  void bothNeedTheNamesEitherSideNeeds() {
    MethodMatcher service = named("service").and(isPublic()).and(takesArguments(2));
    assertEquals(Set.of("service"), service.names());
    assertTrue(service.matches(SERVICE));
    assertEquals(Set.of("service"), isPublic().and(namedOneOf("service", "init")).and(named("service")).names());
    assertEquals(Set.of(), named("init").and(named("service")).names());
    assertNull(isPublic().and(takesArguments(2)).names());
  }

  @Test
  void eitherNeedsANameOnlyWhenBothSidesDo() {
    assertEquals(Set.of("service", "init"), named("service").or(named("init")).names());
    assertEquals(Set.of("service"), none().or(named("service").and(isPublic())).names());
    assertNull(named("service").or(isPublic()).names());
    assertTrue(named("init").or(isPublic()).matches(SERVICE));
  }

  @Test
  void aNegationMayMatchAnyName() {
    assertNull(not(named("service")).names());
    assertFalse(not(named("service")).matches(SERVICE));
  }
}
