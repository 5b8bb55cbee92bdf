package dev.sidecar.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliArgumentsTest {

  @Test
  void pidIsThePositiveNumberFirst() throws CommandException {
    assertEquals(4711L, CliArguments.pid(List.of("4711", "--json"), "status"));
  }

  @Test
  void missingOrInvalidPidIsAUsageError() {
    CommandException missing = assertThrows(CommandException.class, () -> CliArguments.pid(List.of(), "detach"));
    assertEquals("detach needs the pid of a JVM (see: java -jar sidecar-agent.jar list); run with --help for usage",
        missing.getMessage());
    assertEquals(CommandException.USAGE, missing.exitCode());
    for (String pid : List.of("shop", "-3", "0", "12x")) {
      CommandException invalid = assertThrows(CommandException.class, () -> CliArguments.pid(List.of(pid), "attach"));
      assertEquals("invalid pid '" + pid + "' (expected a process id, as 'list' shows); run with --help for usage",
          invalid.getMessage());
    }
  }

  @Test
  void attachSettingsFromFileThenOptionsWhichWin(@TempDir Path directory) throws IOException, CommandException {
    Path file = directory.resolve("sidecar.properties");
    Files.writeString(file, "otel.service.name=from-file\notel.traces.sampler.arg = 0.5\n");
    Map<String, String> settings = CliArguments.attachSettings(List.of("-Dotel.service.name=shop",
        "--config-file", file.toString(), "-Dotel.resource.attributes=a=b,c=d"));
    assertEquals(Map.of("otel.service.name", "shop", "otel.traces.sampler.arg", "0.5",
        "otel.resource.attributes", "a=b,c=d"), settings);
  }

  @Test
  void attachRefusesWhatItDoesNotKnow(@TempDir Path directory) {
    assertEquals("unexpected argument 'otel.service.name=shop' (attach takes -Dkey=value and --config-file FILE);"
        + " run with --help for usage", assertThrows(CommandException.class,
            () -> CliArguments.attachSettings(List.of("otel.service.name=shop"))).getMessage());
    assertEquals("invalid setting '-Dotel.service.name' (expected key=value); run with --help for usage",
        assertThrows(CommandException.class,
            () -> CliArguments.attachSettings(List.of("-Dotel.service.name"))).getMessage());
    assertEquals("--config-file needs a file name; run with --help for usage", assertThrows(CommandException.class,
        () -> CliArguments.attachSettings(List.of("--config-file"))).getMessage());
    CommandException missingFile = assertThrows(CommandException.class,
        () -> CliArguments.attachSettings(List.of("--config-file", directory.resolve("none").toString())));
    assertEquals(CommandException.FAILED, missingFile.exitCode());
    assertTrue(missingFile.getMessage().startsWith("cannot read the config file " + directory.resolve("none")),
        missingFile.getMessage());
  }

  @Test
  void configSettingsAreKeyValuePairsInOrder() throws CommandException {
    assertEquals(List.of("otel.traces.sampler", "otel.traces.sampler.arg"), List.copyOf(CliArguments.settings(
        List.of("otel.traces.sampler=traceidratio", "otel.traces.sampler.arg=0.25")).keySet()));
    assertEquals("config needs at least one key=value, e.g. otel.traces.sampler.arg=0.1; run with --help for usage",
        assertThrows(CommandException.class, () -> CliArguments.settings(List.of())).getMessage());
    assertEquals("invalid setting '=1' (expected key=value); run with --help for usage",
        assertThrows(CommandException.class, () -> CliArguments.settings(List.of("=1"))).getMessage());
  }

  @Test
  void flagsAndNothingElse() throws CommandException {
    assertTrue(CliArguments.flag(List.of("--json"), "--json"));
    assertEquals(false, CliArguments.flag(List.of(), "--json"));
    assertEquals("unexpected argument '--yaml'; run with --help for usage",
        assertThrows(CommandException.class, () -> CliArguments.flag(List.of("--yaml"), "--json")).getMessage());
    assertEquals("unexpected argument 'now'; run with --help for usage",
        assertThrows(CommandException.class, () -> CliArguments.none(List.of("now"))).getMessage());
  }
}
