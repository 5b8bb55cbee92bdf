package dev.sidecar.agent.instrumentation;

import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class TypeTransformationTest {
  /** Stand-ins for a replacement: only their signatures matter. */
  public static void runTask(Runnable task) {}

  public static void runTaskWith(Runnable task, String extra) {}

  public static int runTaskReturning(Runnable task) {
    return 0;
  }

  public void runTaskInstance(Runnable task) {}

  private static Method method(Class<?> type, String name, Class<?>... parameters) throws NoSuchMethodException {
    return type.getMethod(name, parameters);
  }

  @Test
  void aStaticMethodTakingTheCalleeThenTheSameArgumentsReplacesTheCall() throws Exception {
    Method called = method(Runnable.class, "run");
    Method replacement = method(TypeTransformationTest.class, "runTask", Runnable.class);

    TypeTransformation.CallSubstitution substitution = TypeTransformation.forNamed("x")
        .replaceCalls(named("runWorker"), called, replacement).substitutions().get(0);

    assertEquals(called, substitution.called());
    assertEquals(replacement, substitution.replacement());
  }

  @Test
  void aReplacementThatWouldLeaveTheStackOtherwiseIsRefusedWithBothMethodsNamed() throws Exception {
    Method called = method(Runnable.class, "run");
    for (Method wrong : new Method[] {
        method(TypeTransformationTest.class, "runTaskWith", Runnable.class, String.class),
        method(TypeTransformationTest.class, "runTaskReturning", Runnable.class),
        method(TypeTransformationTest.class, "runTaskInstance", Runnable.class)}) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> TypeTransformation.forNamed("x").replaceCalls(named("runWorker"), called, wrong));
      String expected = wrong + " cannot stand in for calls of " + called;
      assertTrue(refused.getMessage().startsWith(expected), refused.getMessage());
    }
  }
}
