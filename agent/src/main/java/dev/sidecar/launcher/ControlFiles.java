package dev.sidecar.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a command reaches the sidecar in another JVM and its answer comes back, without a port: the
 * command line makes a directory only its user can read, writes the request there and names the
 * directory in the agent's arguments; the target reads the request and writes its answer into the
 * reply file the command line created. Both files hold {@code key=value} lines, in order.
 */
final class ControlFiles {
  static final String REQUEST = "request";
  static final String REPLY = "reply";

  private ControlFiles() {}

  /** A new private directory holding {@code request} and an empty {@code reply}. */
  static Path create(Map<String, String> request) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Path directory = posix
        ? Files.createTempDirectory("sidecar-control-", PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")))
        : Files.createTempDirectory("sidecar-control-");
    write(directory.resolve(REQUEST), request, StandardOpenOption.CREATE_NEW);
    Path reply = directory.resolve(REPLY);
    if (posix) {
      Files.createFile(reply, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(reply);
    }
    return directory;
  }

  static Map<String, String> read(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(unescape(line.substring(0, eq)), unescape(line.substring(eq + 1)));
      }
    }
    return values;
  }

  /** Writes the answer into the reply file the command line made; never creates a file of its own. */
  static void writeReply(Path directory, Map<String, String> reply) throws IOException {
    write(directory.resolve(REPLY), reply, StandardOpenOption.TRUNCATE_EXISTING);
  }

  static void delete(Path directory) {
    for (Path file : List.of(directory.resolve(REQUEST), directory.resolve(REPLY), directory)) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A temporary file left behind costs nothing; the command's outcome matters more.
      }
    }
  }

  private static void write(Path file, Map<String, String> values, StandardOpenOption mode) throws IOException {
    StringBuilder text = new StringBuilder();
    values.forEach((key, value) -> text.append(escape(key)).append('=').append(escape(value)).append('\n'));
    Files.write(file, text.toString().getBytes(StandardCharsets.UTF_8), mode, StandardOpenOption.WRITE);
  }

  static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("=", "\\e");
  }

  static String unescape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next == 'e' ? '=' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
