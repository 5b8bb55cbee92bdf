package dev.sidecar.launcher;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.PrintStream;
import java.util.List;
import java.util.Properties;

/**
 * {@code list}: the JVMs this user can attach to, what they run, and the Sidecar in each. A running
 * Sidecar publishes its version as the system property {@code sidecar.version}; reading it needs a
 * short attach, which loads nothing into the JVM.
 */
final class ListCommand {
  private static final String FORMAT = "%-8s %-22s %s%n";

  private ListCommand() {}

  static int run(List<String> args, PrintStream out) throws CommandException {
    CliArguments.none(args);
    long self = ProcessHandle.current().pid();
    out.printf(FORMAT, "PID", "SIDECAR", "MAIN");
    for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
      if (descriptor.id().equals(Long.toString(self))) {
        continue;
      }
      out.printf(FORMAT, descriptor.id(), sidecar(descriptor), main(descriptor.displayName()));
    }
    return 0;
  }

  private static String sidecar(VirtualMachineDescriptor descriptor) {
    try {
      VirtualMachine vm = VirtualMachine.attach(descriptor);
      try {
        Properties properties = vm.getSystemProperties();
        String version = properties.getProperty("sidecar.version");
        return version == null ? "-" : version;
      } finally {
        vm.detach();
      }
    } catch (Exception e) {
      return "? (cannot attach)";
    }
  }

  /** The main class or jar, without the arguments (which may hold secrets). */
  private static String main(String displayName) {
    String name = displayName.trim();
    int space = name.indexOf(' ');
    return name.isEmpty() ? "?" : space < 0 ? name : name.substring(0, space);
  }
}
