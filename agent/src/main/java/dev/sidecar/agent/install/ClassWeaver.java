package dev.sidecar.agent.install;

import dev.sidecar.agent.instrumentation.MethodShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Weaves the rules that matched a class into its bytes. A first pass reads the class's fields and
 * the local variables each advised method uses (the inliners' own locals go after them); the second
 * copies the class, every method it does not change byte for byte, and streams each advised
 * method through its call replacements and advice inliners. The class keeps its shape: same
 * members, same signatures, nothing added.
 */
final class ClassWeaver {
  /** Stack map frames exist from class file version 50 (Java 6); older classes are verified without them. */
  private static final int FRAMES_VERSION = 50;

  private final List<TypeRule> rules;
  private final AdviceClasses adviceClasses;
  private final TypeHierarchy hierarchy;

  ClassWeaver(List<TypeRule> rules, AdviceClasses adviceClasses, TypeHierarchy hierarchy) {
    this.rules = rules;
    this.adviceClasses = adviceClasses;
    this.hierarchy = hierarchy;
  }

  /** The woven class file, or null when no method of the class is changed. */
  byte[] weave(byte[] classFile) {
    ClassReader reader = OpenedClassReader.of(classFile);
    int version = ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
    boolean frames = version >= FRAMES_VERSION;
    Map<String, String> fields = new HashMap<>();
    Map<String, MethodPlan> plans = new HashMap<>();
    reader.accept(new ClassVisitor(OpenedClassReader.ASM_API) {
      @Override
      public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        fields.put(name, descriptor);
        return null;
      }

      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodPlan plan = plan(new MethodShape(access, name, descriptor));
        if (plan == null) {
          return null;
        }
        plans.put(name + descriptor, plan);
        return new MethodVisitor(OpenedClassReader.ASM_API) {
          @Override
          public void visitMaxs(int maxStack, int maxLocals) {
            plan.maxLocals = maxLocals;
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    if (plans.isEmpty()) {
      return null;
    }
    ClassWriter writer = new ClassWriter(reader, 0);
    String owner = reader.getClassName();
    reader.accept(new ClassVisitor(OpenedClassReader.ASM_API, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
        MethodPlan plan = plans.get(name + descriptor);
        if (plan == null) {
          return visitor;
        }
        // The first advice listed is the outermost: its enter runs first and its exit last.
        List<AdviceClass> advice = plan.advice;
        int[] firstLocals = new int[advice.size()];
        int next = plan.maxLocals;
        Type returnType = Type.getReturnType(descriptor);
        for (int i = advice.size() - 1; i >= 0; i--) {
          firstLocals[i] = next;
          next += AdviceInliner.localsAdded(advice.get(i), returnType);
        }
        for (int i = 0; i < advice.size(); i++) {
          visitor = new AdviceInliner(visitor, owner, access, name, descriptor, advice.get(i), frames,
              firstLocals[i], fields, hierarchy);
        }
        return plan.calls.isEmpty() ? visitor : new CallSubstitutions.Replacing(visitor, plan.calls);
      }
    }, frames ? ClassReader.EXPAND_FRAMES : ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }

  /** The advice and call replacements for {@code method}, in the rules' order; null when none applies. */
  private MethodPlan plan(MethodShape method) {
    MethodPlan plan = null;
    for (TypeRule rule : rules) {
      if (!rule.changes(method)) {
        continue;
      }
      if (plan == null) {
        plan = new MethodPlan();
      }
      for (TypeRule.Advice each : rule.advice()) {
        if (each.methods().matches(method)) {
          plan.advice.add(adviceClasses.get(each.adviceClassName()));
        }
      }
      for (CallSubstitutions.Call call : rule.calls()) {
        if (call.methods().matches(method)) {
          plan.calls.add(call);
        }
      }
    }
    return plan;
  }

  /** What one method gets, decided in the first pass; its own locals' count is read there too. */
  private static final class MethodPlan {
    final List<AdviceClass> advice = new ArrayList<>(1);
    final List<CallSubstitutions.Call> calls = new ArrayList<>(1);
    int maxLocals;
  }

}
