package dev.sidecar.agent.install;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules a class may match, told from its name and loader before anything of it is parsed or
 * described: one hash lookup for the rules of named classes, then the few other rules asked one by
 * one. For almost every class an application loads the answer is none, and the transformer is
 * done with it. That check runs for each class the JVM loads, so it is kept this small: at
 * start-up the JIT compilers share the CPUs with the application.
 */
final class RuleIndex {
  private final List<TypeRule> rules;
  private final Map<String, List<TypeRule>> byName = new HashMap<>();
  /** The rules not for named classes: a name's start, or the classes of a type. */
  private final List<TypeRule> others = new ArrayList<>();

  RuleIndex(List<TypeRule> rules) {
    this.rules = List.copyOf(rules);
    for (TypeRule rule : rules) {
      if (rule.internalNames().isEmpty()) {
        others.add(rule);
      }
      for (String internalName : rule.internalNames()) {
        byName.computeIfAbsent(internalName, any -> new ArrayList<>(1)).add(rule);
      }
    }
  }

  /** The rules the class {@code internalName} of {@code loader} may match, in their order; mostly empty. */
  List<TypeRule> candidates(String internalName, ClassLoader loader) {
    List<TypeRule> named = byName.getOrDefault(internalName, Collections.emptyList());
    List<TypeRule> candidates = named;
    for (TypeRule rule : others) {
      if (rule.mayMatch(internalName, loader)) {
        if (candidates == named) {
          candidates = new ArrayList<>(named);
        }
        candidates.add(rule);
      }
    }
    if (candidates != named && !named.isEmpty()) {
      // Rules apply in the order they were given, whichever way they were found.
      candidates.sort(Comparator.comparingInt(rules::indexOf));
    }
    return candidates;
  }
}
