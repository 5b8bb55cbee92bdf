package dev.sidecar.agent.install;

import dev.sidecar.agent.install.AdviceMethod.Parameter;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Attribute;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.jar.asm.TypePath;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Inlines one advice class into one method, as the method's code streams through: the enter
 * advice's code before the method's own, and every return (and, for an exit on throwables, every
 * exception) sent through the exit advice's code. Advice parameters become loads of the method's
 * arguments, {@code this}, a field, or the locals this inliner adds after the method's own (the
 * enter advice's value, the return value, the exception); exceptions the advice throws are handed
 * to {@code AgentErrors.record}. The method's own code and stack map frames are kept; frames are
 * written for the code added, so no class is loaded to compute them.
 */
final class AdviceInliner extends MethodVisitor {
  private static final String THROWABLE = "java/lang/Throwable";
  private static final String RECORD_OWNER = "dev/sidecar/bootstrap/AgentErrors";

  private final String owner;
  private final boolean isStatic;
  private final String methodName;
  private final Type[] arguments;
  private final Type returnType;
  private final AdviceClass advice;
  private final boolean frames;
  private final Map<String, String> fields;
  private final int firstLocal;
  private final int enterSlot;
  private final int returnSlot;
  private final int thrownSlot;
  /** Where the advice's own local variables go. */
  private final int adviceLocals;
  /** The method's locals as it is entered: {@code this} and its arguments. */
  private final Object[] entryLocals;
  /** Only those the exit advice reads: the method's code may have stored others of another type there. */
  private final Object[] exitLocals;
  private final Label codeStart = new Label();
  private final Label codeEnd = new Label();
  private final Label exceptionHandler = new Label();
  private final Label exit = new Label();

  /**
   * @param next where the woven code goes
   * @param firstLocal the first local variable slot the method's code (and inliners before this one) leave free
   * @param fields the class's declared fields, name to descriptor
   * @param hierarchy tells whether a type can be passed where the advice expects another
   */
  AdviceInliner(MethodVisitor next, String owner, int access, String methodName, String descriptor,
      AdviceClass advice, boolean frames, int firstLocal, Map<String, String> fields, TypeHierarchy hierarchy) {
    super(OpenedClassReader.ASM_API, new FrameGate(next));
    this.owner = owner;
    this.isStatic = Modifier.isStatic(access);
    this.methodName = methodName;
    this.arguments = Type.getArgumentTypes(descriptor);
    this.returnType = Type.getReturnType(descriptor);
    this.advice = advice;
    this.frames = frames;
    this.fields = fields;
    this.firstLocal = firstLocal;
    int slot = firstLocal;
    boolean keepsEnter = advice.exit != null && advice.exit.usesEnter();
    this.enterSlot = keepsEnter ? slot : -1;
    slot += keepsEnter ? advice.enter.returnType.getSize() : 0;
    boolean returns = advice.exit != null && returnType.getSort() != Type.VOID;
    this.returnSlot = returns ? slot : -1;
    slot += returns ? returnType.getSize() : 0;
    boolean catches = advice.exit != null && advice.exit.onThrowable;
    this.thrownSlot = catches ? slot : -1;
    slot += catches ? 1 : 0;
    this.adviceLocals = slot;
    this.entryLocals = declaredLocals();
    this.exitLocals = exitLocals();
    check(advice.enter, hierarchy);
    check(advice.exit, hierarchy);
  }

  /** The end of the locals the inliner adds, and of the most the advice's own locals take after them. */
  int maxLocals() {
    return adviceLocals + Math.max(ownLocals(advice.enter), ownLocals(advice.exit));
  }

  /** How many local variable slots inlining {@code advice} into a method returning {@code returnType} adds. */
  static int localsAdded(AdviceClass advice, Type returnType) {
    int slots = 0;
    if (advice.exit != null) {
      slots += advice.exit.usesEnter() ? advice.enter.returnType.getSize() : 0;
      slots += returnType.getSize();
      slots += advice.exit.onThrowable ? 1 : 0;
    }
    return slots + Math.max(ownLocals(advice.enter), ownLocals(advice.exit));
  }

  private static int ownLocals(AdviceMethod method) {
    return method == null ? 0 : Math.max(0, method.maxLocals - method.parameterSlots);
  }

  @Override
  public void visitCode() {
    super.visitCode();
    if (advice.enter != null) {
      inline(advice.enter, entryLocals(false));
    }
    if (advice.exit != null && advice.exit.onThrowable) {
      super.visitLabel(codeStart);
    }
  }

  @Override
  public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
    if (!frames) {
      return;
    }
    if (type != Opcodes.F_NEW) {
      throw new IllegalStateException("frames of " + methodName + " are not expanded");
    }
    Object[] slots = Frames.slots(numLocal, local, adviceLocals);
    if (slots.length > firstLocal && !allTop(slots, firstLocal)) {
      throw new IllegalStateException("a frame of " + methodName + " uses locals past " + firstLocal);
    }
    ourLocals(slots, true, false, false);
    Object[] locals = Frames.locals(slots);
    super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
  }

  @Override
  public void visitInsn(int opcode) {
    if (advice.exit == null || opcode < Opcodes.IRETURN || opcode > Opcodes.RETURN) {
      super.visitInsn(opcode);
      return;
    }
    if (returnSlot >= 0) {
      super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnSlot);
    }
    if (thrownSlot >= 0) {
      super.visitInsn(Opcodes.ACONST_NULL);
      super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
    }
    super.visitJumpInsn(Opcodes.GOTO, exit);
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    if (advice.exit != null) {
      if (advice.exit.onThrowable) {
        super.visitLabel(codeEnd);
        // Last in the exception table: the method's own handlers, listed before, come first.
        super.visitTryCatchBlock(codeStart, codeEnd, exceptionHandler, THROWABLE);
        super.visitLabel(exceptionHandler);
        frame(locals(exitLocals, true, false, false), THROWABLE);
        super.visitVarInsn(Opcodes.ASTORE, thrownSlot);
        if (returnSlot >= 0) {
          pushDefault(returnType);
          super.visitVarInsn(returnType.getOpcode(Opcodes.ISTORE), returnSlot);
        }
      }
      super.visitLabel(exit);
      Object[] atExit = locals(exitLocals, true, true, true);
      frame(atExit, null);
      inline(advice.exit, atExit);
      if (thrownSlot >= 0) {
        Label returns = new Label();
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        super.visitJumpInsn(Opcodes.IFNULL, returns);
        super.visitVarInsn(Opcodes.ALOAD, thrownSlot);
        super.visitInsn(Opcodes.ATHROW);
        super.visitLabel(returns);
        frame(atExit, null);
      }
      if (returnSlot >= 0) {
        super.visitVarInsn(returnType.getOpcode(Opcodes.ILOAD), returnSlot);
      }
      super.visitInsn(returnType.getOpcode(Opcodes.IRETURN));
    }
    int adviceStack = Math.max(advice.enter == null ? 0 : advice.enter.maxStack,
        advice.exit == null ? 0 : advice.exit.maxStack);
    // Two more than the advice's own: a field's load or store, an exception handler's, a default value.
    super.visitMaxs(Math.max(maxStack, adviceStack + 2), Math.max(maxLocals, maxLocals()));
  }

  /**
   * Copies {@code method}'s code here, its returns turned into jumps past it; with suppression, an
   * exception it throws is recorded and the method goes on (an enter advice's value is then its default).
   */
  private void inline(AdviceMethod method, Object[] base) {
    Label start = new Label();
    Label end = new Label();
    Label handler = new Label();
    Label after = new Label();
    super.visitLabel(start);
    OpenedClassReader.of(advice.classFile).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        return name.equals(method.name) && descriptor.equals(method.descriptor)
            ? new AdviceCode(method, base, after) : null;
      }
    }, ClassReader.SKIP_DEBUG | (frames ? ClassReader.EXPAND_FRAMES : ClassReader.SKIP_FRAMES));
    super.visitLabel(end);
    if (method.suppress) {
      super.visitTryCatchBlock(start, end, handler, THROWABLE);
      super.visitLabel(handler);
      frame(base, THROWABLE);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, RECORD_OWNER, "record", "(Ljava/lang/Throwable;)V", false);
      if (method.kind == AdviceMethod.Kind.ENTER && enterSlot >= 0) {
        pushDefault(method.returnType);
        super.visitVarInsn(method.returnType.getOpcode(Opcodes.ISTORE), enterSlot);
      }
    }
    super.visitLabel(after);
    if (method.kind == AdviceMethod.Kind.ENTER) {
      frame(entryLocals(true), null);
    } else {
      frame(base, null);
    }
  }

  private Object[] entryLocals(boolean entered) {
    return locals(entryLocals, entered, false, false);
  }

  /** The frame locals: {@code arguments} first, then the inliner's own, those set so far with their types. */
  private Object[] locals(Object[] arguments, boolean entered, boolean returned, boolean thrown) {
    Object[] slots = Frames.unset(adviceLocals);
    System.arraycopy(arguments, 0, slots, 0, arguments.length);
    ourLocals(slots, entered, returned, thrown);
    return slots;
  }

  private void ourLocals(Object[] slots, boolean entered, boolean returned, boolean thrown) {
    if (enterSlot >= 0 && entered) {
      Frames.put(slots, enterSlot, advice.enter.returnType);
    }
    if (returnSlot >= 0 && returned) {
      Frames.put(slots, returnSlot, returnType);
    }
    if (thrownSlot >= 0 && thrown) {
      slots[thrownSlot] = THROWABLE;
    }
  }

  private void frame(Object[] slots, String stackTop) {
    if (frames) {
      Object[] locals = Frames.locals(slots);
      Object[] stack = stackTop == null ? new Object[0] : new Object[] {stackTop};
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
    }
  }

  private void pushDefault(Type type) {
    switch (type.getSort()) {
      case Type.VOID:
        break;
      case Type.LONG:
        super.visitInsn(Opcodes.LCONST_0);
        break;
      case Type.FLOAT:
        super.visitInsn(Opcodes.FCONST_0);
        break;
      case Type.DOUBLE:
        super.visitInsn(Opcodes.DCONST_0);
        break;
      case Type.OBJECT: case Type.ARRAY:
        super.visitInsn(Opcodes.ACONST_NULL);
        break;
      default:
        super.visitInsn(Opcodes.ICONST_0);
    }
  }

  /** {@code this} and the arguments, with their declared types. */
  private Object[] declaredLocals() {
    Object[] slots = Frames.unset(firstLocal);
    int slot = 0;
    if (!isStatic) {
      slots[slot++] = owner;
    }
    for (Type argument : arguments) {
      Frames.put(slots, slot, argument);
      slot += argument.getSize();
    }
    return Arrays.copyOf(slots, slot);
  }

  private Object[] exitLocals() {
    Object[] slots = Frames.unset(entryLocals.length);
    if (advice.exit == null) {
      return slots;
    }
    for (Parameter parameter : advice.exit.parameters) {
      if (parameter.sort == AdviceMethod.Sort.THIS || parameter.sort == AdviceMethod.Sort.FIELD) {
        slots[0] = entryLocals[0];
      } else if (parameter.sort == AdviceMethod.Sort.ARGUMENT) {
        int slot = argumentSlot(parameter.index);
        slots[slot] = entryLocals[slot];
        if (arguments[parameter.index].getSize() == 2) {
          slots[slot + 1] = Frames.SECOND_HALF;
        }
      }
    }
    return slots;
  }

  private static boolean allTop(Object[] slots, int from) {
    for (int i = from; i < slots.length; i++) {
      if (!Opcodes.TOP.equals(slots[i])) {
        return false;
      }
    }
    return true;
  }

  private int argumentSlot(int index) {
    int slot = isStatic ? 0 : 1;
    for (int i = 0; i < index; i++) {
      slot += arguments[i].getSize();
    }
    return slot;
  }

  /** Refuses, before anything is written, advice whose parameters the method cannot supply. */
  private void check(AdviceMethod method, TypeHierarchy hierarchy) {
    if (method == null) {
      return;
    }
    for (Parameter parameter : method.parameters) {
      Type supplied;
      switch (parameter.sort) {
        case ARGUMENT:
          if (parameter.index >= arguments.length) {
            throw refused(method, "reads argument " + parameter.index + " of a method with " + arguments.length);
          }
          supplied = arguments[parameter.index];
          break;
        case THIS:
          supplied = Type.getObjectType(owner);
          break;
        case FIELD:
          String field = fields.get(parameter.field);
          supplied = field != null ? Type.getType(field) : parameter.type;
          break;
        case RETURN:
          if (returnType.getSort() == Type.VOID) {
            throw refused(method, "reads the return value of a void method");
          }
          supplied = returnType;
          break;
        case ENTER:
          supplied = advice.enter.returnType;
          break;
        case THROWN:
          supplied = Type.getObjectType(THROWABLE);
          break;
        default:
          supplied = Type.getType(String.class);
      }
      if ((parameter.sort == AdviceMethod.Sort.THIS || parameter.sort == AdviceMethod.Sort.FIELD) && isStatic) {
        throw refused(method, "reads this in a static method");
      }
      boolean fits = parameter.writable
          ? supplied.equals(parameter.type)
          : hierarchy.isAssignable(supplied, parameter.type);
      if (!fits) {
        throw refused(method, "takes " + parameter.type.getClassName() + " for a " + supplied.getClassName());
      }
    }
  }

  private IllegalArgumentException refused(AdviceMethod method, String why) {
    return new IllegalArgumentException("advice " + method + " cannot go into " + methodName + ": it " + why);
  }

  /** The advice method's code as it is copied: its parameters bound, its locals moved, its returns jumps. */
  private final class AdviceCode extends MethodVisitor {
    private final AdviceMethod method;
    private final Object[] base;
    private final Label after;

    AdviceCode(AdviceMethod method, Object[] base, Label after) {
      super(OpenedClassReader.ASM_API, AdviceInliner.this.mv);
      this.method = method;
      this.base = base;
      this.after = after;
    }

    @Override
    public void visitVarInsn(int opcode, int var) {
      if (var >= method.parameterSlots) {
        super.visitVarInsn(opcode, adviceLocals + var - method.parameterSlots);
        return;
      }
      Parameter parameter = method.parameterAt(var);
      boolean store = opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE;
      if (store && !parameter.writable) {
        throw refused(method, "assigns a read-only parameter");
      }
      switch (parameter.sort) {
        case ARGUMENT:
          super.visitVarInsn(opcode, argumentSlot(parameter.index));
          break;
        case THIS:
          super.visitVarInsn(opcode, 0);
          break;
        case RETURN:
          super.visitVarInsn(opcode, returnSlot);
          break;
        case THROWN:
          super.visitVarInsn(opcode, thrownSlot);
          break;
        case ENTER:
          super.visitVarInsn(opcode, enterSlot);
          break;
        case FIELD:
          field(parameter, store);
          break;
        default:
          super.visitLdcInsn(methodName);
      }
    }

    private void field(Parameter parameter, boolean store) {
      String descriptor = fields.getOrDefault(parameter.field, parameter.type.getDescriptor());
      super.visitVarInsn(Opcodes.ALOAD, 0);
      if (store) {
        if (parameter.type.getSize() == 2) {
          super.visitInsn(Opcodes.DUP_X2);
          super.visitInsn(Opcodes.POP);
        } else {
          super.visitInsn(Opcodes.SWAP);
        }
        super.visitFieldInsn(Opcodes.PUTFIELD, owner, parameter.field, descriptor);
      } else {
        super.visitFieldInsn(Opcodes.GETFIELD, owner, parameter.field, descriptor);
      }
    }

    @Override
    public void visitIincInsn(int var, int increment) {
      if (var >= method.parameterSlots) {
        super.visitIincInsn(adviceLocals + var - method.parameterSlots, increment);
        return;
      }
      Parameter parameter = method.parameterAt(var);
      if (parameter.sort != AdviceMethod.Sort.ARGUMENT || !parameter.writable) {
        throw refused(method, "increments a parameter in place");
      }
      super.visitIincInsn(argumentSlot(parameter.index), increment);
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode < Opcodes.IRETURN || opcode > Opcodes.RETURN) {
        super.visitInsn(opcode);
        return;
      }
      if (opcode != Opcodes.RETURN) {
        if (enterSlot >= 0) {
          super.visitVarInsn(method.returnType.getOpcode(Opcodes.ISTORE), enterSlot);
        } else {
          super.visitInsn(method.returnType.getSize() == 2 ? Opcodes.POP2 : Opcodes.POP);
        }
      }
      super.visitJumpInsn(Opcodes.GOTO, after);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
      Object[] adviceSlots = Frames.slots(numLocal, local, method.parameterSlots);
      int own = adviceSlots.length - method.parameterSlots;
      Object[] slots = Arrays.copyOf(base, adviceLocals + own);
      Arrays.fill(slots, adviceLocals, slots.length, Opcodes.TOP);
      System.arraycopy(adviceSlots, method.parameterSlots, slots, adviceLocals, own);
      Object[] locals = Frames.locals(slots);
      super.visitFrame(Opcodes.F_NEW, locals.length, locals, numStack, stack);
    }

    // The advice method's own metadata stays with it.

    @Override
    public void visitCode() {}

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {}

    @Override
    public void visitEnd() {}

    @Override
    public void visitParameter(String name, int access) {}

    @Override
    public AnnotationVisitor visitAnnotationDefault() {
      return null;
    }

    @Override
    public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
      return null;
    }

    @Override
    public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor, boolean visible) {
      return null;
    }

    @Override
    public void visitAnnotableParameterCount(int parameterCount, boolean visible) {}

    @Override
    public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
      return null;
    }

    @Override
    public void visitAttribute(Attribute attribute) {}

    @Override
    public AnnotationVisitor visitInsnAnnotation(int typeRef, TypePath typePath, String descriptor, boolean visible) {
      return null;
    }

    @Override
    public AnnotationVisitor visitTryCatchAnnotation(int typeRef, TypePath typePath, String descriptor,
        boolean visible) {
      return null;
    }

    @Override
    public AnnotationVisitor visitLocalVariableAnnotation(int typeRef, TypePath typePath, Label[] start,
        Label[] end, int[] index, String descriptor, boolean visible) {
      return null;
    }
  }
}
