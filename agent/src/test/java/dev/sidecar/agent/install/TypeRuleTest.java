package dev.sidecar.agent.install;

import static dev.sidecar.agent.install.ClassHeaderTest.classFile;
import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.agent.instrumentation.MethodMatcher;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A rule takes a class only when the class declares, with code, a method the rule changes. */
class TypeRuleTest {
  private static final ClassLoader LOADER = TypeRuleTest.class.getClassLoader();
  private final TypeRule runners = markers(new ClassHeaders(), named("run").and(takesArguments(0)));

  @Test
  void aClassOfTheTypeThatDeclaresTheMethodMatches() throws IOException {
    assertTrue(runners.matches(loaded(Runs.class)));
    assertTrue(runners.matches(loading(Runs.class)));
  }

  /** Weaving them would change nothing: the method is inherited, or has no code. */
  @Test
  void aClassThatInheritsTheMethodOrDeclaresItAbstractDoesNot() throws IOException {
    for (Class<?> type : List.of(InheritsRun.class, DeclaresRunAbstract.class, SubtypeIndexTest.Direct.class)) {
      assertFalse(runners.matches(loaded(type)), type.getName());
      assertFalse(runners.matches(loading(type)), type.getName());
    }
  }

  @Test
  void aNamedClassMatchesWhenItDeclaresTheMethod() {
    assertTrue(TypeRule.forNamed(Set.of(Logger.class.getName()), named("log").and(takesArguments(1)), List.of(), List.of())
        .matches(loaded(Logger.class)));
    assertFalse(TypeRule.forNamed(Set.of(Logger.class.getName()), named("noSuchMethod"), List.of(), List.of())
        .matches(loaded(Logger.class)));
  }

  /**
   * A class whose constant pool has not the method's name is passed over before its supertypes are
   * read; one that has it is decided by reading them.
   */
  @Test
  void aClassWithoutTheMethodsNameIsPassedOverWithoutReadingItsSupertypes() throws IOException {
    ClassHeaders headers = new ClassHeaders();
    TypeRule rule = markers(headers, named("run").and(takesArguments(0)));
    assertFalse(rule.matches(loading(ExtendsDirect.class)));
    assertEquals(0, headers.count(LOADER));

    assertTrue(rule.matches(loading(RunsExtendingDirect.class)));
    assertEquals(1, headers.count(LOADER), "the header of " + SubtypeIndexTest.Direct.class.getName());
  }

  /** A rule whose methods may have any name reads the supertypes of every class it may take. */
  @Test
  void aRuleForMethodsOfAnyNameReadsTheSupertypes() throws IOException {
    ClassHeaders headers = new ClassHeaders();
    assertFalse(markers(headers, named("run").or(takesArguments(7))).matches(loading(ExtendsDirect.class)));
    assertEquals(1, headers.count(LOADER));
  }

  /** The rule for the classes of {@link SubtypeIndexTest.Marker}, advising the {@code methods}. */
  private static TypeRule markers(ClassHeaders headers, MethodMatcher methods) {
    return TypeRule.forClassesOf(SubtypeIndexTest.Marker.class.getName(), headers, methods, List.of(), List.of());
  }

  private static TransformedClass loaded(Class<?> type) {
    return new TransformedClass(internalName(type), type.getClassLoader(), type, null);
  }

  /** As the transformer sees the class while it is being loaded: by its bytes. */
  private static TransformedClass loading(Class<?> type) throws IOException {
    return new TransformedClass(internalName(type), LOADER, null, classFile(type));
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  static class Runs implements SubtypeIndexTest.Marker, Runnable {
    @Override
    public void run() {}
  }

  static class InheritsRun extends Runs {}

  static class ExtendsDirect extends SubtypeIndexTest.Direct {}

  static class RunsExtendingDirect extends SubtypeIndexTest.Direct {
    public void run() {}
  }

  abstract static class DeclaresRunAbstract implements SubtypeIndexTest.Marker, Runnable {
    @Override
    public abstract void run();
  }
}
