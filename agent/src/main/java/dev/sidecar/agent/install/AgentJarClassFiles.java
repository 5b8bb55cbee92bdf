package dev.sidecar.agent.install;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The class files of the agent jar's hidden entries (the advice among them), read by entry name:
 * asked through the sidecar class loader, every name went to its parents first, and the JDK's
 * loaders search each module they define for a name outside their packages.
 */
final class AgentJarClassFiles implements AdviceClasses.ClassFileSource {
  // As the launcher's class loader hides them; the launcher's classes are not visible from here.
  private static final String HIDDEN_PREFIX = "sidecar-internal/";
  private static final String HIDDEN_SUFFIX = ".classdata";

  private final JarFile jar;

  private AgentJarClassFiles(JarFile jar) {
    this.jar = jar;
  }

  static AgentJarClassFiles open(File agentJar) throws IOException {
    return new AgentJarClassFiles(new JarFile(agentJar, false));
  }

  /** The class file of the binary name {@code name}, or null when the jar hides no such class. */
  @Override
  public byte[] read(String name) throws IOException {
    JarEntry entry = jar.getJarEntry(HIDDEN_PREFIX + name.replace('.', '/') + HIDDEN_SUFFIX);
    if (entry == null) {
      return null;
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }
}
