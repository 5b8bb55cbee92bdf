package dev.sidecar.agent.install;

import dev.sidecar.agent.instrumentation.MethodShape;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * The class the transformer is deciding about, being loaded (its bytes) or already loaded (its
 * {@code Class}). What rules ask of it beyond its name, its header or its methods, is worked out
 * once, when first asked: most classes that reach this far are decided from the header alone.
 */
final class TransformedClass {
  final String internalName;
  final ClassLoader loader;
  /** Null while the class is being loaded. */
  final Class<?> loaded;
  /** Null for a class already loaded that is only being matched, not transformed. */
  private final byte[] classFile;
  private ConstantPool constants;
  private ClassHeader header;
  private List<MethodShape> methods;

  TransformedClass(String internalName, ClassLoader loader, Class<?> loaded, byte[] classFile) {
    this.internalName = internalName;
    this.loader = loader;
    this.loaded = loaded;
    this.classFile = classFile;
  }

  ClassHeader header() {
    if (header == null) {
      header = ClassHeader.read(constants());
    }
    return header;
  }

  /**
   * False when the class surely declares no method of one of these names (ASCII): a method's name
   * is a string of its class's constant pool, and none of them is. True when {@code names} is null
   * (any name), or when the class is known only by its {@code Class}.
   */
  boolean mayDeclareMethodNamed(byte[][] names) {
    return names == null || classFile == null || constants().hasString(names);
  }

  private ConstantPool constants() {
    if (constants == null) {
      constants = ConstantPool.of(classFile);
    }
    return constants;
  }

  /** The methods the class declares: read from its bytes, or through reflection for a class already loaded. */
  List<MethodShape> methods() {
    if (methods == null) {
      methods = classFile != null ? declared(classFile) : declared(loaded);
    }
    return methods;
  }

  private static List<MethodShape> declared(byte[] classFile) {
    List<MethodShape> methods = new ArrayList<>();
    OpenedClassReader.of(classFile).accept(new ClassVisitor(OpenedClassReader.ASM_API) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        methods.add(new MethodShape(access, name, descriptor));
        return null;
      }
    }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return methods;
  }

  private static List<MethodShape> declared(Class<?> type) {
    List<MethodShape> methods = new ArrayList<>();
    for (Method method : type.getDeclaredMethods()) {
      methods.add(new MethodShape(method.getModifiers(), method.getName(), Type.getMethodDescriptor(method)));
    }
    return methods;
  }

  String binaryName() {
    return internalName.replace('/', '.');
  }
}
