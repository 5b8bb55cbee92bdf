package dev.sidecar.agent.control;

import java.util.LinkedHashMap;
import java.util.Map;

/** The shape of a command's answer: {@code ok}, {@code message}, then fields in the order shown. */
final class Replies {
  static final String COMMAND = "command";
  static final String OK = "ok";
  static final String MESSAGE = "message";

  private Replies() {}

  static Map<String, String> ok(String message) {
    Map<String, String> reply = new LinkedHashMap<>();
    reply.put(OK, "true");
    reply.put(MESSAGE, message);
    return reply;
  }

  static Map<String, String> error(String message) {
    Map<String, String> reply = new LinkedHashMap<>();
    reply.put(OK, "false");
    reply.put(MESSAGE, message);
    return reply;
  }
}
