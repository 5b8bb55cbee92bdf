package dev.sidecar.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

      assertTrue(classes.ensure(instrumentation.proxy, jar, jarFile));
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

      assertFalse(classes.ensure(instrumentation.proxy, jar, jarFile));
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

  /**
   * Refuses to change a module, as a JVM may; records what was appended to the bootstrap class
   * path; refuses anything else, which the code under test has no business calling.
   */
  private static final class RefusingInstrumentation implements InvocationHandler {
    int modulesAskedFor;
    final List<JarFile> appended = new ArrayList<>();
    final Instrumentation proxy = (Instrumentation) Proxy.newProxyInstance(
        BootstrapClassesTest.class.getClassLoader(), new Class<?>[] {Instrumentation.class}, this);

    @Override
    public Object invoke(Object self, Method method, Object[] arguments) {
      switch (method.getName()) {
        case "redefineModule":
          modulesAskedFor++;
          throw new UnsupportedOperationException("no module changes here");
        case "appendToBootstrapClassLoaderSearch":
          appended.add((JarFile) arguments[0]);
          return null;
        default:
          throw new UnsupportedOperationException(method.getName());
      }
    }
  }
}
