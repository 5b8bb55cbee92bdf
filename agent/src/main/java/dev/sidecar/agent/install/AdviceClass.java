package dev.sidecar.agent.install;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * An advice class as read from its class file: the code of its {@code @Advice.OnMethodEnter} and
 * {@code @Advice.OnMethodExit} methods and what each of their parameters stands for. Read once;
 * {@link AdviceInliner} copies the code into every method it advises. The annotations are Byte
 * Buddy's, so advice reads as any Byte Buddy advice does; only what the agent's advice uses is
 * supported, and anything else is refused here, before a class is touched.
 */
final class AdviceClass {
  private static final String ADVICE = "Lnet/bytebuddy/asm/Advice$";

  final String name;
  final byte[] classFile;
  /** Null when the class has no such method. */
  final AdviceMethod enter;
  final AdviceMethod exit;

  private AdviceClass(String name, byte[] classFile, AdviceMethod enter, AdviceMethod exit) {
    this.name = name;
    this.classFile = classFile;
    this.enter = enter;
    this.exit = exit;
  }

  /** Reads the advice class {@code name} (binary name) from its class file. */
  static AdviceClass read(String name, byte[] classFile) {
    List<AdviceMethod.Builder> found = new ArrayList<>();
    OpenedClassReader.of(classFile).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
      @Override
      public MethodVisitor visitMethod(int access, String methodName, String descriptor, String signature,
          String[] exceptions) {
        AdviceMethod.Builder method = new AdviceMethod.Builder(name, access, methodName, descriptor);
        found.add(method);
        return new MethodVisitor(OpenedClassReader.ASM_API) {
          @Override
          public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            if (annotation.equals(ADVICE + "OnMethodEnter;")) {
              return method.kind(AdviceMethod.Kind.ENTER);
            }
            if (annotation.equals(ADVICE + "OnMethodExit;")) {
              return method.kind(AdviceMethod.Kind.EXIT);
            }
            return null;
          }

          @Override
          public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
            return annotation.startsWith(ADVICE)
                ? method.parameter(parameter, annotation.substring(ADVICE.length(), annotation.length() - 1))
                : null;
          }

          @Override
          public void visitInvokeDynamicInsn(String callName, String descriptor, Handle bootstrap, Object... arguments) {
            method.refuse("an invokedynamic instruction (a lambda or string concatenation)");
          }

          @Override
          public void visitMaxs(int maxStack, int maxLocals) {
            method.maxs(maxStack, maxLocals);
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    AdviceMethod enter = null;
    AdviceMethod exit = null;
    for (AdviceMethod.Builder builder : found) {
      if (builder.kind() == AdviceMethod.Kind.ENTER) {
        enter = only(enter, builder.build(), name);
      } else if (builder.kind() == AdviceMethod.Kind.EXIT) {
        exit = only(exit, builder.build(), name);
      }
    }
    if (enter == null && exit == null) {
      throw new IllegalArgumentException(name + " has no @Advice.OnMethodEnter or @Advice.OnMethodExit method");
    }
    if (exit != null && exit.usesEnter() && (enter == null || enter.returnType.getSort() == Type.VOID)) {
      throw new IllegalArgumentException(name + ": @Advice.Enter needs an enter method that returns a value");
    }
    return new AdviceClass(name, classFile, enter, exit);
  }

  private static AdviceMethod only(AdviceMethod previous, AdviceMethod method, String name) {
    if (previous != null) {
      throw new IllegalArgumentException(name + " has two " + method.kind + " methods");
    }
    return method;
  }
}
