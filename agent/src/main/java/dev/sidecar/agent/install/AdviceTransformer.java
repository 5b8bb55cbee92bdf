package dev.sidecar.agent.install;

import dev.sidecar.bootstrap.SpanRecord;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.utility.JavaModule;

/**
 * The agent's class file transformer: for each class the JVM loads or retransforms, finds the rules
 * that match it (first from its name and loader alone, see {@link RuleIndex}) and lets Byte Buddy
 * weave their advice into the class's bytes. Only method bodies change, never a class's shape, so
 * the same transformer serves classes being loaded and classes already loaded.
 *
 * <p>Byte Buddy's own {@code AgentBuilder} transformer would do the same, but it generates a
 * subclass of itself at first use and loads several hundred classes more; written out here the
 * matching and weaving are a few calls, and the agent starts faster.
 */
final class AdviceTransformer implements ClassFileTransformer {
  private static final List<String> IGNORED_PREFIXES = List.of(
      "net/bytebuddy/", "dev/sidecar/", "jdk/internal/reflect/", "java/lang/invoke/");

  private final RuleIndex rules;
  private final Instrumentation instrumentation;
  private final ClassLoader sidecarLoader;
  private final TypePoolCache typePools;
  private final ByteBuddy byteBuddy;
  private final TransformationCounter counter;
  /** Classes the JVM loads while this thread transforms another are left as they are. */
  private final ThreadLocal<Boolean> transforming = new ThreadLocal<>();

  AdviceTransformer(List<TypeRule> rules, Instrumentation instrumentation, ByteBuddy byteBuddy,
      TransformationCounter counter) {
    this.rules = new RuleIndex(rules);
    this.instrumentation = instrumentation;
    this.sidecarLoader = AdviceTransformer.class.getClassLoader();
    this.typePools = new TypePoolCache();
    this.byteBuddy = byteBuddy;
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
      return weave(candidates, module, loader, internalName, classBeingRedefined, protectionDomain, classFile);
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
    TransformedClass loaded = new TransformedClass(internalName, loader, type, null, typePools);
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
      Class<?> classBeingRedefined, ProtectionDomain protectionDomain, byte[] classFile) {
    TransformedClass target = new TransformedClass(internalName, loader, classBeingRedefined, classFile, typePools);
    List<AgentBuilder.Transformer> matched = Collections.emptyList();
    for (TypeRule rule : candidates) {
      if (rule.matches(target)) {
        if (matched.isEmpty()) {
          matched = new ArrayList<>(2);
        }
        matched.addAll(rule.transformers());
      }
    }
    if (matched.isEmpty()) {
      return null;
    }
    TypeDescription type = target.description();
    JavaModule javaModule = JavaModule.of(module);
    DynamicType.Builder<?> builder = byteBuddy.decorate(type, target.locator());
    for (AgentBuilder.Transformer transformer : matched) {
      builder = transformer.transform(builder, type, loader, javaModule, protectionDomain);
    }
    byte[] woven = builder.make(TypeResolutionStrategy.Disabled.INSTANCE, target.typePool()).getBytes();
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
