package dev.sidecar.agent.install;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The advice classes, each read from the agent jar and parsed the first time a class needs it. */
class AdviceClasses {
  /** Where the class files are: the agent jar, or a test's classes. */
  interface ClassFileSource {
    /** The class file of a binary name, or null when there is none. */
    byte[] read(String name) throws IOException;
  }

  private final ClassFileSource classFiles;
  private final Map<String, AdviceClass> parsed = new ConcurrentHashMap<>();

  AdviceClasses(ClassFileSource classFiles) {
    this.classFiles = classFiles;
  }

  AdviceClass get(String name) {
    AdviceClass advice = parsed.get(name);
    if (advice == null) {
      advice = AdviceClass.read(name, read(name));
      parsed.putIfAbsent(name, advice);
    }
    return advice;
  }

  private byte[] read(String name) {
    try {
      byte[] classFile = classFiles.read(name);
      if (classFile == null) {
        throw new IllegalStateException("advice class " + name + " is not found");
      }
      return classFile;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read advice class " + name, e);
    }
  }
}
