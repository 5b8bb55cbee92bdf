package dev.sidecar.agent.instrumentation;

/** Selects the methods of a type that an advice or a call replacement is for; see {@link MethodMatchers}. */
@FunctionalInterface
public interface MethodMatcher {
  boolean matches(MethodShape method);

  default MethodMatcher and(MethodMatcher other) {
    return method -> matches(method) && other.matches(method);
  }

  default MethodMatcher or(MethodMatcher other) {
    return method -> matches(method) || other.matches(method);
  }
}
