package dev.sidecar.launcher;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one command to the sidecar in another JVM: attaches, loads the agent jar with a control
 * directory as its argument (see {@link ControlFiles}) and reads the answer. Opens no port in the
 * target: the JVM's own attach mechanism carries the command.
 */
final class TargetJvm {
  private TargetJvm() {}

  /** The answer to {@code request}; fails with one line when the JVM cannot be reached or does not answer. */
  static Map<String, String> send(long pid, Map<String, String> request) throws CommandException {
    VirtualMachine vm = attach(pid);
    Path directory = null;
    try {
      directory = ControlFiles.create(request);
      vm.loadAgent(AgentLauncher.agentJar().getPath(), ControlRequest.ARGUMENT + directory);
      Map<String, String> reply = ControlFiles.read(directory.resolve(ControlFiles.REPLY));
      if (reply.isEmpty()) {
        throw CommandException.failed("pid " + pid + " gave no answer; its standard error may say why");
      }
      return reply;
    } catch (AgentLoadException | AgentInitializationException | IOException | java.net.URISyntaxException e) {
      throw CommandException.failed("could not load the agent into pid " + pid + " (" + e + ")");
    } finally {
      if (directory != null) {
        ControlFiles.delete(directory);
      }
      try {
        vm.detach();
      } catch (IOException e) {
        // The command is done; the JVM drops the connection on its own.
      }
    }
  }

  /** A reply's {@code ok} field. */
  static boolean ok(Map<String, String> reply) {
    return "true".equals(reply.get("ok"));
  }

  static VirtualMachine attach(long pid) throws CommandException {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      throw CommandException.failed("no process with pid " + pid + " (see: java -jar sidecar-agent.jar list)");
    }
    String me = System.getProperty("user.name");
    Optional<String> owner = process.get().info().user();
    if (owner.isPresent() && !owner.get().equals(me) && !me.equals("root")) {
      throw CommandException.failed("pid " + pid + " runs as user " + owner.get() + ", not " + me
          + "; a JVM accepts attach only from its own user, so run this command as " + owner.get());
    }
    if (pid == ProcessHandle.current().pid()) {
      throw CommandException.failed("pid " + pid + " is this command itself; give the pid of another JVM");
    }
    if (!isJava(pid, process.get())) {
      throw CommandException.failed("pid " + pid + " is not a Java process ("
          + process.get().info().command().orElse("unknown command") + "); nothing attached");
    }
    try {
      return VirtualMachine.attach(Long.toString(pid));
    } catch (AttachNotSupportedException e) {
      throw CommandException.failed(notAttachable(pid, e));
    } catch (IOException e) {
      throw CommandException.failed("could not attach to pid " + pid + " (" + e.getMessage() + ")");
    }
  }

  /**
   * Listed by the attach API (it reads the JVMs' performance data), or at least running a program
   * named java (a JVM started with -XX:-UsePerfData). Anything else is left alone: attaching signals
   * the process, and a process that is no JVM would wait for nothing.
   */
  private static boolean isJava(long pid, ProcessHandle process) {
    String id = Long.toString(pid);
    if (VirtualMachine.list().stream().anyMatch(descriptor -> descriptor.id().equals(id))) {
      return true;
    }
    return process.info().command().map(command -> command.endsWith("/java")).orElse(false);
  }

  private static String notAttachable(long pid, AttachNotSupportedException e) {
    String reason = String.valueOf(e.getMessage());
    if (reason.contains("does not support the attach mechanism")) {
      return "pid " + pid + " does not accept attach (started with -XX:+DisableAttachMechanism); nothing attached";
    }
    return "pid " + pid + " is not a JVM that accepts attach (" + reason + "); nothing attached";
  }
}
