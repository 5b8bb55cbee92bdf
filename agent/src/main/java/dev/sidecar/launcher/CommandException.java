package dev.sidecar.launcher;

/** A command that cannot go on: its message is the one line the user sees, with the exit code to end with. */
final class CommandException extends Exception {
  static final int FAILED = 1;
  static final int USAGE = 2;
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CommandException(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static CommandException usage(String message) {
    return new CommandException(message + "; run with --help for usage", USAGE);
  }

  static CommandException failed(String message) {
    return new CommandException(message, FAILED);
  }

  int exitCode() {
    return exitCode;
  }
}
