package dev.sidecar.agent.instrumentation;

import java.util.Set;

/** Selects the methods of a type that an advice or a call replacement is for; see {@link MethodMatchers}. */
@FunctionalInterface
public interface MethodMatcher {
  boolean matches(MethodShape method);

  /**
   * The names a method must have to match, or null when a method of any name may. A class whose
   * constant pool holds none of them declares no method this matches, which the agent tells before
   * reading anything else of the class or its supertypes.
   */
  default Set<String> names() {
    return null;
  }

  default MethodMatcher and(MethodMatcher other) {
    return MethodMatchers.both(this, other);
  }

  default MethodMatcher or(MethodMatcher other) {
    return MethodMatchers.either(this, other);
  }
}
