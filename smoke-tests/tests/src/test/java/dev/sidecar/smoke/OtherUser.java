package dev.sidecar.smoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** A second account to run a command as: {@code nobody}, through {@code runuser}, when the tests run as root. */
final class OtherUser {
  static final String NAME = "nobody";
  static final Path RUNUSER = Path.of("/usr/sbin/runuser");

  private OtherUser() {}

  /** Whether commands can run as {@link #NAME} here: root, runuser and the account all present. */
  static boolean available() {
    try {
      return "root".equals(System.getProperty("user.name")) && Files.isExecutable(RUNUSER)
          && Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(line -> line.startsWith(NAME + ":"));
    } catch (IOException e) {
      return false;
    }
  }

  /** A copy of {@code file} that every user can read, since the build's own folders may not be. */
  static Path readableCopy(Path file) throws IOException {
    Path copy = Files.createTempFile("sidecar-", "-" + file.getFileName());
    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
    copy.toFile().deleteOnExit();
    return copy;
  }
}
