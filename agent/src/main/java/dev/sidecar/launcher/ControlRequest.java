package dev.sidecar.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarFile;

/**
 * The target's side of a command: {@code agentmain} runs again for each one and calls this copy,
 * the bootstrap class loader's. A running sidecar,
 * found through the bootstrap handle, answers everything, a second {@code attach} included (it
 * refuses, naming its version); with none running, {@code attach} starts one in a new sidecar
 * class loader, reusing the bootstrap classes an earlier, detached sidecar left behind.
 */
public final class ControlRequest {
  static final String ARGUMENT = "sidecar.control=";
  private static final String HANDLE = "dev.sidecar.bootstrap.SidecarHandle";
  private static final String ATTACH = "dev.sidecar.agent.control.Attach";

  private ControlRequest() {}

  /** Runs in the target, loaded by the bootstrap class loader; answers into the directory named. */
  public static void serve(String agentArgs, Instrumentation instrumentation, File jar) {
    Path directory = Path.of(agentArgs.substring(ARGUMENT.length()));
    Map<String, String> reply;
    try {
      reply = answer(ControlFiles.read(directory.resolve(ControlFiles.REQUEST)), instrumentation, jar);
    } catch (InvocationTargetException e) {
      reply = error("the sidecar failed to carry out the command (" + e.getCause() + ")");
    } catch (Throwable t) {
      reply = error("the sidecar failed to carry out the command (" + t + ")");
    }
    try {
      ControlFiles.writeReply(directory, reply);
    } catch (Exception e) {
      System.err.println("[sidecar] could not answer in " + directory + " (" + e + ")");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> answer(Map<String, String> request, Instrumentation instrumentation, File jar)
      throws Exception {
    Function<Map<String, String>, Map<String, String>> running = (Function<Map<String, String>, Map<String, String>>)
        Class.forName(HANDLE, true, null).getMethod("control").invoke(null);
    String command = request.getOrDefault("command", "");
    if (running != null) {
      return running.apply(request);
    }
    if (!command.equals("attach")) {
      return error("no Sidecar is running in this JVM; nothing to " + command + " (attach one first)");
    }
    Map<String, String> settings = new LinkedHashMap<>(request);
    settings.remove("command");
    ClassLoader sidecarLoader = new SidecarClassLoader(new JarFile(jar, false), jar, ClassLoader.getPlatformClassLoader());
    return (Map<String, String>) sidecarLoader.loadClass(ATTACH)
        .getMethod("attach", Instrumentation.class, Map.class, File.class)
        .invoke(null, instrumentation, settings, jar);
  }

  private static Map<String, String> error(String message) {
    Map<String, String> reply = new LinkedHashMap<>();
    reply.put("ok", "false");
    reply.put("message", message);
    return reply;
  }
}
