package dev.sidecar.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the JVM will not let the agent define its classes in the bootstrap loader, the jar goes on
 * the bootstrap class path instead; when they are there already, nothing happens. (That they are
 * defined there, and that the JVM keeps its class-data archive, the agent jar's smoke tests show.)
 */
class BootstrapClassesTest {

  @Test
  void aJvmThatRefusesToOpenJavaLangGetsTheJarAppended(@TempDir Path dir) throws IOException {
    File jar = agentJarWithTheDefiner(dir);
    RefusingInstrumentation instrumentation = new RefusingInstrumentation();
    try (JarFile jarFile = new JarFile(jar)) {
      BootstrapClasses classes = new BootstrapClasses("dev/sidecar/absent/", "dev.sidecar.absent.Probe");

      assertTrue(classes.ensure(instrumentation, jar, jarFile));
      assertEquals(1, instrumentation.modulesAskedFor);
      assertEquals(1, instrumentation.appended.size());
      assertSame(jarFile, instrumentation.appended.get(0));
    }
  }

  @Test
  void classesTheBootstrapLoaderHasAlreadyAreLeftAlone(@TempDir Path dir) throws IOException {
    File jar = agentJarWithTheDefiner(dir);
    RefusingInstrumentation instrumentation = new RefusingInstrumentation();
    try (JarFile jarFile = new JarFile(jar)) {
      BootstrapClasses classes = new BootstrapClasses("java/lang/", "java.lang.Object");

      assertFalse(classes.ensure(instrumentation, jar, jarFile));
      assertEquals(0, instrumentation.modulesAskedFor);
      assertEquals(List.of(), instrumentation.appended);
    }
  }

  /** A jar laid out as the agent's: the definer hidden under sidecar-internal/, and the list of root classes. */
  private static File agentJarWithTheDefiner(Path dir) throws IOException {
    File jar = dir.resolve("agent.jar").toFile();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar.toPath()));
        InputStream definer = BootstrapClassesTest.class.getResourceAsStream("/dev/sidecar/agent/BootstrapDefiner.class")) {
      out.putNextEntry(new JarEntry(SidecarClassLoader.PREFIX + "dev/sidecar/agent/BootstrapDefiner" + SidecarClassLoader.CLASS_SUFFIX));
      out.write(definer.readAllBytes());
      out.putNextEntry(new JarEntry(SidecarClassLoader.PREFIX + "root-classes.txt"));
      out.write("dev/sidecar/absent/Probe.class\n".getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  /** Refuses to change a module, as a JVM may; records what was appended to the bootstrap class path. */
  private static final class RefusingInstrumentation implements Instrumentation {
    int modulesAskedFor;
    final List<JarFile> appended = new ArrayList<>();

    @Override
    public void redefineModule(Module module, Set<Module> extraReads, Map<String, Set<Module>> extraExports,
        Map<String, Set<Module>> extraOpens, Set<Class<?>> extraUses, Map<Class<?>, List<Class<?>>> extraProvides) {
      modulesAskedFor++;
      throw new UnsupportedOperationException("no module changes here");
    }

    @Override
    public void appendToBootstrapClassLoaderSearch(JarFile jarfile) {
      appended.add(jarfile);
    }

    @Override
    public boolean isModifiableModule(Module module) {
      return false;
    }

    @Override
    public void addTransformer(ClassFileTransformer transformer, boolean canRetransform) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void addTransformer(ClassFileTransformer transformer) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean removeTransformer(ClassFileTransformer transformer) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isRetransformClassesSupported() {
      return false;
    }

    @Override
    public void retransformClasses(Class<?>... classes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isRedefineClassesSupported() {
      return false;
    }

    @Override
    public void redefineClasses(ClassDefinition... definitions) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isModifiableClass(Class<?> theClass) {
      return false;
    }

    @Override
    public Class<?>[] getAllLoadedClasses() {
      return new Class<?>[0];
    }

    @Override
    public Class<?>[] getInitiatedClasses(ClassLoader loader) {
      return new Class<?>[0];
    }

    @Override
    public long getObjectSize(Object objectToSize) {
      return 0;
    }

    @Override
    public void appendToSystemClassLoaderSearch(JarFile jarfile) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean isNativeMethodPrefixSupported() {
      return false;
    }

    @Override
    public void setNativeMethodPrefix(ClassFileTransformer transformer, String prefix) {
      throw new UnsupportedOperationException();
    }
  }
}
