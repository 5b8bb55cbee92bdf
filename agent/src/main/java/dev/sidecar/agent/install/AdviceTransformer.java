package dev.sidecar.agent.install;

import dev.sidecar.bootstrap.SpanRecord;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's class file transformer: for each class the JVM loads or retransforms, finds the rules
 * that match it (first from its name and loader alone, see {@link RuleIndex}) and has
 * {@link ClassWeaver} weave their advice into the class's bytes. Only method bodies change, never a
 * class's shape, so the same transformer serves classes being loaded and classes already loaded.
 *
 * <p>Byte Buddy's {@code AgentBuilder} and {@code Advice} would do the same, but describing types
 * and running their general machinery cold cost tens of milliseconds a class at start-up, with the
 * application waiting on the class being woven; the weaving here reads and writes class files with
 * ASM alone.
 */
final class AdviceTransformer implements ClassFileTransformer {
  private static final List<String> IGNORED_PREFIXES = List.of(
      "net/bytebuddy/", "dev/sidecar/", "jdk/internal/reflect/", "java/lang/invoke/");

  private final RuleIndex rules;
  private final Instrumentation instrumentation;
  private final ClassLoader sidecarLoader;
  private final AdviceClasses adviceClasses;
  private final ClassHeaders headers;
  private final TransformationCounter counter;
  /** Classes the JVM loads while this thread transforms another are left as they are. */
  private final ThreadLocal<Boolean> transforming = new ThreadLocal<>();

  AdviceTransformer(List<TypeRule> rules, Instrumentation instrumentation, AdviceClasses adviceClasses,
      ClassHeaders headers, TransformationCounter counter) {
    this.rules = new RuleIndex(rules);
    this.instrumentation = instrumentation;
    this.sidecarLoader = AdviceTransformer.class.getClassLoader();
    this.adviceClasses = adviceClasses;
    this.headers = headers;
    this.counter = counter;
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) {
    if (internalName == null || loader == sidecarLoader || transforming.get() != null) {
      return null;
    }
    transforming.set(Boolean.TRUE);
    try {
      if (ignored(internalName)) {
        return null;
      }
      List<TypeRule> candidates = rules.candidates(internalName, loader);
      if (candidates.isEmpty()) {
        return null;
      }
      return weave(candidates, module, loader, internalName, classBeingRedefined, classFile);
    } catch (Throwable t) {
      counter.failed(internalName.replace('/', '.'), t);
      return null;
    } finally {
      transforming.remove();
    }
  }

  /** Whether any rule matches a class already loaded, described from its {@code Class} object. */
  boolean matchesLoaded(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (type.isArray() || type.isPrimitive() || loader == sidecarLoader) {
      return false;
    }
    String internalName = type.getName().replace('.', '/');
    if (ignored(internalName)) {
      return false;
    }
    List<TypeRule> candidates = rules.candidates(internalName, loader);
    if (candidates.isEmpty()) {
      return false;
    }
    TransformedClass loaded = new TransformedClass(internalName, loader, type, null);
    for (TypeRule rule : candidates) {
      if (rule.matches(loaded)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The agent's own classes, Byte Buddy's, and the JDK's generated ones, wherever they come from.
   * Asked before the rules: the JDK defines each reflection accessor it generates in a class loader
   * of its own, whose loader checks would each look for a library's class file through every parent.
   */
  private static boolean ignored(String internalName) {
    for (String prefix : IGNORED_PREFIXES) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private byte[] weave(List<TypeRule> candidates, Module module, ClassLoader loader, String internalName,
      Class<?> classBeingRedefined, byte[] classFile) {
    TransformedClass target = new TransformedClass(internalName, loader, classBeingRedefined, classFile);
    List<TypeRule> matched = new ArrayList<>(candidates.size());
    for (TypeRule rule : candidates) {
      if (rule.matches(target)) {
        matched.add(rule);
      }
    }
    if (matched.isEmpty()) {
      return null;
    }
    byte[] woven = new ClassWeaver(matched, adviceClasses,
        new TypeHierarchy(headers, loader, internalName, target.header())).weave(classFile);
    if (woven == null) {
      return null;
    }
    assureReadEdge(module);
    counter.transformed(target.binaryName(), classBeingRedefined != null);
    return woven;
  }

  /**
   * Advice calls bootstrap classes, which live in the bootstrap loader's unnamed module; a named
   * module (the JDK's own) reads that only once told to.
   */
  private void assureReadEdge(Module module) {
    Module bootstrap = SpanRecord.class.getModule();
    if (module != null && module.isNamed() && !module.canRead(bootstrap)) {
      instrumentation.redefineModule(module, Set.of(bootstrap), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }
}
