package dev.sidecar.agent.install;

import dev.sidecar.agent.instrumentation.MethodMatcher;
import dev.sidecar.agent.instrumentation.TypeTransformation.CallSubstitution;
import java.lang.reflect.Method;
import java.util.List;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Replaces calls inside a type's methods, as a transformation asks; the type's shape is unchanged.
 * The call is recognized by its instruction alone (owner, name, descriptor), so nothing the method
 * refers to is resolved.
 */
final class CallSubstitutions {
  private CallSubstitutions() {}

  /** The methods to look in, the instruction to look for and the one to write instead, in the class file's terms. */
  static final class Call {
    private final MethodMatcher methods;
    final int opcode;
    final String owner;
    final String name;
    final String descriptor;
    final String replacementOwner;
    final String replacementName;
    final String replacementDescriptor;

    Call(CallSubstitution substitution) {
      Method called = substitution.called();
      Method replacement = substitution.replacement();
      this.methods = substitution.methods();
      this.opcode = called.getDeclaringClass().isInterface() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
      this.owner = Type.getInternalName(called.getDeclaringClass());
      this.name = called.getName();
      this.descriptor = Type.getMethodDescriptor(called);
      this.replacementOwner = Type.getInternalName(replacement.getDeclaringClass());
      this.replacementName = replacement.getName();
      this.replacementDescriptor = Type.getMethodDescriptor(replacement);
    }

    MethodMatcher methods() {
      return methods;
    }

    boolean is(int opcode, String owner, String name, String descriptor) {
      return opcode == this.opcode && owner.equals(this.owner) && name.equals(this.name)
          && descriptor.equals(this.descriptor);
    }
  }

  /** A method's code with the calls swapped; both calls leave the operand stack alike. */
  static final class Replacing extends MethodVisitor {
    private final List<Call> calls;

    Replacing(MethodVisitor visitor, List<Call> calls) {
      super(OpenedClassReader.ASM_API, visitor);
      this.calls = calls;
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      for (Call call : calls) {
        if (call.is(opcode, owner, name, descriptor)) {
          super.visitMethodInsn(Opcodes.INVOKESTATIC, call.replacementOwner, call.replacementName,
              call.replacementDescriptor, false);
          return;
        }
      }
      super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }
  }
}
