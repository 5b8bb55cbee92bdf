package dev.sidecar.agent.install;

import java.lang.reflect.Modifier;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

/** One advice method ({@code @Advice.OnMethodEnter} or {@code @Advice.OnMethodExit}) and what its parameters stand for. */
final class AdviceMethod {
  enum Kind { ENTER, EXIT }

  /** What an advice parameter is bound to in the advised method. */
  enum Sort { ARGUMENT, THIS, RETURN, THROWN, ENTER, FIELD, ORIGIN_METHOD_NAME }

  /** One parameter: its sort, the argument index or field name, whether the advice may assign it, its type. */
  static final class Parameter {
    final Sort sort;
    final int index;
    final String field;
    final boolean writable;
    final Type type;
    /** The advice method's local variable slot of this parameter. */
    final int slot;

    Parameter(Sort sort, int index, String field, boolean writable, Type type, int slot) {
      this.sort = sort;
      this.index = index;
      this.field = field;
      this.writable = writable;
      this.type = type;
      this.slot = slot;
    }
  }

  final Kind kind;
  final String owner;
  final String name;
  final String descriptor;
  final Type returnType;
  final Parameter[] parameters;
  /** Slots the parameters take; the advice's own locals come after them. */
  final int parameterSlots;
  /** Exceptions the advice throws are recorded, never thrown into the application. */
  final boolean suppress;
  /** An exit that also runs when the advised method throws. */
  final boolean onThrowable;
  final int maxStack;
  final int maxLocals;

  private AdviceMethod(Builder builder, Parameter[] parameters, int parameterSlots) {
    this.kind = builder.kind;
    this.owner = builder.owner;
    this.name = builder.name;
    this.descriptor = builder.descriptor;
    this.returnType = Type.getReturnType(builder.descriptor);
    this.parameters = parameters;
    this.parameterSlots = parameterSlots;
    this.suppress = builder.suppress;
    this.onThrowable = builder.onThrowable;
    this.maxStack = builder.maxStack;
    this.maxLocals = builder.maxLocals;
  }

  boolean usesEnter() {
    return uses(Sort.ENTER);
  }

  boolean uses(Sort sort) {
    for (Parameter parameter : parameters) {
      if (parameter.sort == sort) {
        return true;
      }
    }
    return false;
  }

  /** The parameter that takes the advice's local variable {@code slot}, or null for the advice's own locals. */
  Parameter parameterAt(int slot) {
    for (Parameter parameter : parameters) {
      if (parameter.slot == slot) {
        return parameter;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return owner + "." + name + descriptor;
  }

  /** Collects what the class file says of one method; {@link #build} checks it is advice the agent can inline. */
  static final class Builder {
    private final String owner;
    private final int access;
    private final String name;
    private final String descriptor;
    private final Type[] parameterTypes;
    private final String[] annotations;
    private final int[] indexes;
    private final String[] fields;
    private final boolean[] writable;
    private Kind kind;
    private boolean suppress;
    private boolean onThrowable;
    private int maxStack;
    private int maxLocals;
    private String refused;

    Builder(String owner, int access, String name, String descriptor) {
      this.owner = owner;
      this.access = access;
      this.name = name;
      this.descriptor = descriptor;
      this.parameterTypes = Type.getArgumentTypes(descriptor);
      this.annotations = new String[parameterTypes.length];
      this.indexes = new int[parameterTypes.length];
      this.fields = new String[parameterTypes.length];
      this.writable = new boolean[parameterTypes.length];
    }

    Kind kind() {
      return kind;
    }

    AnnotationVisitor kind(Kind kind) {
      this.kind = kind;
      return new AnnotationVisitor(OpenedClassReader.ASM_API) {
        @Override
        public void visit(String key, Object value) {
          boolean throwable = value instanceof Type && ((Type) value).getInternalName().equals("java/lang/Throwable");
          if (key.equals("suppress") && throwable) {
            suppress = true;
          } else if (key.equals("onThrowable") && throwable && kind == Kind.EXIT) {
            onThrowable = true;
          } else if (!(key.equals("inline") && Boolean.TRUE.equals(value))) {
            refuse(key + " = " + value);
          }
        }

        @Override
        public void visitEnum(String key, String descriptor, String value) {
          refuse(key + " = " + value);
        }
      };
    }

    AnnotationVisitor parameter(int index, String annotation) {
      annotations[index] = annotation;
      return new AnnotationVisitor(OpenedClassReader.ASM_API) {
        @Override
        public void visit(String key, Object value) {
          if (key.equals("readOnly")) {
            writable[index] = !((Boolean) value);
          } else if (key.equals("value") && value instanceof Integer) {
            indexes[index] = (Integer) value;
          } else if (key.equals("value") && value instanceof String) {
            fields[index] = (String) value;
          } else {
            refuse("@" + annotation + "(" + key + " = " + value + ")");
          }
        }

        @Override
        public void visitEnum(String key, String descriptor, String value) {
          if (!(key.equals("typing") && value.equals("STATIC"))) {
            refuse("@" + annotation + "(" + key + " = " + value + ")");
          }
        }
      };
    }

    void maxs(int maxStack, int maxLocals) {
      this.maxStack = maxStack;
      this.maxLocals = maxLocals;
    }

    void refuse(String what) {
      if (refused == null) {
        refused = what;
      }
    }

    AdviceMethod build() {
      String method = owner + "." + name + descriptor;
      if (refused != null) {
        throw new IllegalArgumentException("advice " + method + " uses " + refused + ", which the agent does not inline");
      }
      if (!Modifier.isStatic(access)) {
        throw new IllegalArgumentException("advice " + method + " is not static");
      }
      if (kind == Kind.EXIT && Type.getReturnType(descriptor).getSort() != Type.VOID) {
        throw new IllegalArgumentException("exit advice " + method + " returns a value");
      }
      Parameter[] parameters = new Parameter[parameterTypes.length];
      int slot = 0;
      for (int i = 0; i < parameters.length; i++) {
        parameters[i] = parameter(i, slot, method);
        slot += parameterTypes[i].getSize();
      }
      return new AdviceMethod(this, parameters, slot);
    }

    private Parameter parameter(int i, int slot, String method) {
      String annotation = annotations[i];
      if (annotation == null) {
        throw new IllegalArgumentException("parameter " + i + " of advice " + method + " has no advice annotation");
      }
      Type type = parameterTypes[i];
      switch (annotation) {
        case "Argument":
          return new Parameter(Sort.ARGUMENT, indexes[i], null, writable[i], type, slot);
        case "This":
          return readOnly(Sort.THIS, i, type, slot, method);
        case "Return":
          if (kind != Kind.EXIT) {
            throw new IllegalArgumentException("@Advice.Return outside an exit advice, in " + method);
          }
          return new Parameter(Sort.RETURN, 0, null, writable[i], type, slot);
        case "Thrown":
          if (!onThrowable) {
            throw new IllegalArgumentException("@Advice.Thrown without onThrowable, in " + method);
          }
          return readOnly(Sort.THROWN, i, type, slot, method);
        case "Enter":
          if (kind != Kind.EXIT) {
            throw new IllegalArgumentException("@Advice.Enter outside an exit advice, in " + method);
          }
          return readOnly(Sort.ENTER, i, type, slot, method);
        case "FieldValue":
          if (fields[i] == null) {
            throw new IllegalArgumentException("@Advice.FieldValue without a field name, in " + method);
          }
          return new Parameter(Sort.FIELD, 0, fields[i], writable[i], type, slot);
        case "Origin":
          if (!"#m".equals(fields[i]) || !type.getDescriptor().equals("Ljava/lang/String;")) {
            throw new IllegalArgumentException("only @Advice.Origin(\"#m\") String is inlined, in " + method);
          }
          return new Parameter(Sort.ORIGIN_METHOD_NAME, 0, null, false, type, slot);
        default:
          throw new IllegalArgumentException("@Advice." + annotation + " is not inlined by the agent, in " + method);
      }
    }

    private Parameter readOnly(Sort sort, int i, Type type, int slot, String method) {
      if (writable[i]) {
        throw new IllegalArgumentException("@Advice." + annotations[i] + " cannot be assigned, in " + method);
      }
      return new Parameter(sort, 0, null, false, type, slot);
    }
  }
}
