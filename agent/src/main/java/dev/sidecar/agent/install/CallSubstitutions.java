package dev.sidecar.agent.install;

import dev.sidecar.agent.instrumentation.TypeTransformation.CallSubstitution;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.JavaModule;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Replaces calls inside a type's methods, as a transformation asks; the type's shape is unchanged.
 * The call is recognized by its instruction alone (owner, name, descriptor): Byte Buddy's
 * {@code MemberSubstitution} would resolve every call in the method through a type pool first,
 * which made weaving {@code ThreadPoolExecutor} take over 100 ms at start-up.
 */
final class CallSubstitutions implements AgentBuilder.Transformer {
  /** Made once, here: the same wrapper serves every class the transformation weaves. */
  private final AsmVisitorWrapper.ForDeclaredMethods replacing;

  CallSubstitutions(List<CallSubstitution> substitutions) {
    AsmVisitorWrapper.ForDeclaredMethods wrapper = new AsmVisitorWrapper.ForDeclaredMethods();
    for (CallSubstitution substitution : substitutions) {
      Call call = new Call(substitution.called(), substitution.replacement());
      wrapper = wrapper.method(substitution.methods(),
          (instrumentedType, method, visitor, context, typePool, writerFlags, readerFlags) ->
              new Replacing(visitor, call));
    }
    this.replacing = wrapper;
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
      ClassLoader loader, JavaModule module, ProtectionDomain domain) {
    return builder.visit(replacing);
  }

  /** The instruction to look for and the one to write instead, in the class file's terms. */
  private static final class Call {
    final int opcode;
    final String owner;
    final String name;
    final String descriptor;
    final String replacementOwner;
    final String replacementName;
    final String replacementDescriptor;

    Call(Method called, Method replacement) {
      this.opcode = called.getDeclaringClass().isInterface() ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
      this.owner = Type.getInternalName(called.getDeclaringClass());
      this.name = called.getName();
      this.descriptor = Type.getMethodDescriptor(called);
      this.replacementOwner = Type.getInternalName(replacement.getDeclaringClass());
      this.replacementName = replacement.getName();
      this.replacementDescriptor = Type.getMethodDescriptor(replacement);
    }

    boolean is(int opcode, String owner, String name, String descriptor) {
      return opcode == this.opcode && owner.equals(this.owner) && name.equals(this.name)
          && descriptor.equals(this.descriptor);
    }
  }

  private static final class Replacing extends MethodVisitor {
    private final Call call;

    Replacing(MethodVisitor visitor, Call call) {
      super(OpenedClassReader.ASM_API, visitor);
      this.call = call;
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      if (call.is(opcode, owner, name, descriptor)) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, call.replacementOwner, call.replacementName,
            call.replacementDescriptor, false);
      } else {
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
      }
    }
  }
}
