package dev.sidecar.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Reads the command line's arguments: a pid, {@code -Dkey=value} and {@code --config-file}, {@code key=value}. */
final class CliArguments {
  private CliArguments() {}

  static long pid(List<String> args, String command) throws CommandException {
    if (args.isEmpty()) {
      throw CommandException.usage(command + " needs the pid of a JVM (see: java -jar sidecar-agent.jar list)");
    }
    String text = args.get(0);
    try {
      long pid = Long.parseLong(text);
      if (pid > 0) {
        return pid;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw CommandException.usage("invalid pid '" + text + "' (expected a process id, as 'list' shows)");
  }

  /**
   * The settings for {@code attach} after the pid: those of {@code --config-file FILE} (a properties
   * file), then each {@code -Dkey=value}, which wins.
   */
  static Map<String, String> attachSettings(List<String> args) throws CommandException {
    Map<String, String> fromFile = new TreeMap<>();
    Map<String, String> fromOptions = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--config-file")) {
        if (i + 1 == args.size()) {
          throw CommandException.usage("--config-file needs a file name");
        }
        fromFile.putAll(readConfigFile(Path.of(args.get(++i))));
      } else if (arg.startsWith("-D")) {
        putSetting(fromOptions, arg.substring(2), arg);
      } else {
        throw CommandException.usage("unexpected argument '" + arg + "' (attach takes -Dkey=value and --config-file FILE)");
      }
    }
    Map<String, String> settings = new LinkedHashMap<>(fromFile);
    settings.putAll(fromOptions);
    return settings;
  }

  /** The {@code key=value} arguments of {@code config}; at least one. */
  static Map<String, String> settings(List<String> args) throws CommandException {
    if (args.isEmpty()) {
      throw CommandException.usage("config needs at least one key=value, e.g. otel.traces.sampler.arg=0.1");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String arg : args) {
      putSetting(settings, arg, arg);
    }
    return settings;
  }

  /** Whether {@code flag} is among {@code args}; fails on any other argument. */
  static boolean flag(List<String> args, String flag) throws CommandException {
    boolean present = false;
    for (String arg : args) {
      if (!arg.equals(flag)) {
        throw CommandException.usage("unexpected argument '" + arg + "'");
      }
      present = true;
    }
    return present;
  }

  /** Fails on any argument: the command takes none beyond those already read. */
  static void none(List<String> args) throws CommandException {
    if (!args.isEmpty()) {
      throw CommandException.usage("unexpected argument '" + args.get(0) + "'");
    }
  }

  private static void putSetting(Map<String, String> settings, String pair, String arg) throws CommandException {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      throw CommandException.usage("invalid setting '" + arg + "' (expected key=value)");
    }
    settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
  }

  private static Map<String, String> readConfigFile(Path file) throws CommandException {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      throw CommandException.failed("cannot read the config file " + file + " (" + e + ")");
    }
    Map<String, String> settings = new TreeMap<>();
    properties.forEach((key, value) -> settings.put(String.valueOf(key).trim(), String.valueOf(value).trim()));
    return settings;
  }
}
