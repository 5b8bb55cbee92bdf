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
    Map<String, Integer> maxLocals = new HashMap<>();
    reader.accept(new ClassVisitor(OpenedClassReader.ASM_API) {
      @Override
      public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
        fields.put(name, descriptor);
        return null;
      }

      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodShape method = new MethodShape(access, name, descriptor);
        if (!changes(method)) {
          return null;
        }
        return new MethodVisitor(OpenedClassReader.ASM_API) {
          @Override
          public void visitMaxs(int maxStack, int locals) {
            maxLocals.put(name + descriptor, locals);
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    if (maxLocals.isEmpty()) {
      return null;
    }
    ClassWriter writer = new ClassWriter(reader, 0);
    String owner = reader.getClassName();
    reader.accept(new ClassVisitor(OpenedClassReader.ASM_API, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
        Integer locals = maxLocals.get(name + descriptor);
        if (locals == null) {
          return visitor;
        }
        MethodShape method = new MethodShape(access, name, descriptor);
        List<AdviceClass> advice = new ArrayList<>();
        List<CallSubstitutions.Call> calls = new ArrayList<>();
        for (TypeRule rule : rules) {
          for (TypeRule.Advice each : rule.advice()) {
            if (each.methods().matches(method)) {
              advice.add(adviceClasses.get(each.adviceClassName()));
            }
          }
          for (CallSubstitutions.Call call : rule.calls()) {
            if (call.methods().matches(method)) {
              calls.add(call);
            }
          }
        }
        // The first advice listed is the outermost: its enter runs first and its exit last.
        int[] firstLocals = new int[advice.size()];
        int next = locals;
        Type returnType = Type.getReturnType(descriptor);
        for (int i = advice.size() - 1; i >= 0; i--) {
          firstLocals[i] = next;
          next += AdviceInliner.localsAdded(advice.get(i), returnType);
        }
        for (int i = 0; i < advice.size(); i++) {
          visitor = new AdviceInliner(visitor, owner, access, name, descriptor, advice.get(i), frames,
              firstLocals[i], fields, hierarchy);
        }
        return calls.isEmpty() ? visitor : new CallSubstitutions.Replacing(visitor, calls);
      }
    }, frames ? ClassReader.EXPAND_FRAMES : ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }

  private boolean changes(MethodShape method) {
    if (method.isInitializer() || method.isAbstract() || method.isNative()) {
      return false;
    }
    for (TypeRule rule : rules) {
      if (rule.changes(method)) {
        return true;
      }
    }
    return false;
  }
}
