package dev.sidecar.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlFilesTest {

  @Test
  void requestAndReplyKeepOrderAndAnyCharacters() throws IOException {
    Map<String, String> request = new LinkedHashMap<>();
    request.put("command", "attach");
    request.put("otel.resource.attributes", "a=b,c=d");
    request.put("odd", "back\\slash\nnew line\r=");
    Path directory = ControlFiles.create(request);
    try {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(directory.resolve(ControlFiles.REPLY))));
      assertEquals(0, Files.size(directory.resolve(ControlFiles.REPLY)));
      Map<String, String> read = ControlFiles.read(directory.resolve(ControlFiles.REQUEST));
      assertEquals(request, read);
      assertEquals(List.copyOf(request.keySet()), List.copyOf(read.keySet()));

      ControlFiles.writeReply(directory, Map.of("ok", "true"));
      assertEquals(Map.of("ok", "true"), ControlFiles.read(directory.resolve(ControlFiles.REPLY)));
    } finally {
      ControlFiles.delete(directory);
    }
    assertFalse(Files.exists(directory));
  }

  @Test
  void aReplyGoesOnlyIntoTheFileTheCommandLineMade() throws IOException {
    Path directory = Files.createTempDirectory("sidecar-control-test");
    try {
      org.junit.jupiter.api.Assertions.assertThrows(java.nio.file.NoSuchFileException.class,
          () -> ControlFiles.writeReply(directory, Map.of("ok", "true")));
    } finally {
      Files.delete(directory);
    }
  }
}
