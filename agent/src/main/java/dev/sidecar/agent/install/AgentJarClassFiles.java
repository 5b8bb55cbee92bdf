package dev.sidecar.agent.install;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Where Byte Buddy reads the advice's class files and those the advice refers to: the agent jar's
 * hidden entries (the advice, Byte Buddy, the sidecar), its root (the bootstrap API, which is
 * defined in the bootstrap loader without a class path, so no loader finds its class files), and
 * for anything else the JDK. Read from the jar by entry name: asked through the sidecar class
 * loader, every name went to its parents first, and the JDK's loaders search each module they
 * define for a name outside their packages.
 */
final class AgentJarClassFiles implements ClassFileLocator {
  // As the launcher's class loader hides them; the launcher's classes are not visible from here.
  private static final String HIDDEN_PREFIX = "sidecar-internal/";
  private static final String HIDDEN_SUFFIX = ".classdata";

  private final JarFile jar;
  private final ClassFileLocator jdk = ClassFileLocator.ForClassLoader.of(ClassLoader.getPlatformClassLoader());

  private AgentJarClassFiles(JarFile jar) {
    this.jar = jar;
  }

  static AgentJarClassFiles open(File agentJar) throws IOException {
    return new AgentJarClassFiles(new JarFile(agentJar, false));
  }

  @Override
  public Resolution locate(String name) throws IOException {
    String path = name.replace('.', '/');
    JarEntry entry = jar.getJarEntry(HIDDEN_PREFIX + path + HIDDEN_SUFFIX);
    if (entry == null) {
      entry = jar.getJarEntry(path + ".class");
    }
    if (entry == null) {
      return jdk.locate(name);
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return new Resolution.Explicit(in.readAllBytes());
    }
  }

  @Override
  public void close() throws IOException {
    jar.close();
  }
}
