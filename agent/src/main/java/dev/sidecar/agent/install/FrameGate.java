package dev.sidecar.agent.install;

import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Holds back each stack map frame until an instruction follows it, and drops a frame that another
 * one replaces at the same place: the frame an inliner writes where its code ends and the advised
 * code's own frame at its first instruction describe one offset, and a class file may have only
 * one frame there. The later one is kept: it is the one the code after it was compiled against.
 */
final class FrameGate extends MethodVisitor {
  private boolean pending;
  private int pendingType;
  private int pendingLocals;
  private Object[] pendingLocal;
  private int pendingStackSize;
  private Object[] pendingStack;

  FrameGate(MethodVisitor next) {
    super(OpenedClassReader.ASM_API, next);
  }

  @Override
  public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
    pending = true;
    pendingType = type;
    pendingLocals = numLocal;
    // Copied: a class reader fills the same arrays with the next frame before the instruction comes.
    pendingLocal = local == null ? null : local.clone();
    pendingStackSize = numStack;
    pendingStack = stack == null ? null : stack.clone();
  }

  private void flush() {
    if (pending) {
      pending = false;
      super.visitFrame(pendingType, pendingLocals, pendingLocal, pendingStackSize, pendingStack);
    }
  }

  @Override
  public void visitInsn(int opcode) {
    flush();
    super.visitInsn(opcode);
  }

  @Override
  public void visitIntInsn(int opcode, int operand) {
    flush();
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int var) {
    flush();
    super.visitVarInsn(opcode, var);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    flush();
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    flush();
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
    flush();
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
    flush();
    super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    flush();
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    flush();
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int var, int increment) {
    flush();
    super.visitIincInsn(var, increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    flush();
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    flush();
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    flush();
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }
}
