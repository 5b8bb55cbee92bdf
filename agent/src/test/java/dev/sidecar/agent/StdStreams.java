package dev.sidecar.agent;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** Swaps System.err or System.out for the duration of one action and returns what it printed. */
public final class StdStreams {
  private StdStreams() {}

  /** What an action returned and the lines it printed. */
  public static final class Captured<T> {
    public final T value;
    public final String text;

    Captured(T value, String text) {
      this.value = value;
      this.text = text;
    }

    public List<String> lines() {
      if (text.isEmpty()) {
        return new ArrayList<>();
      }
      return new ArrayList<>(Arrays.asList(text.split("\\R")));
    }
  }

  public static <T> Captured<T> stderr(Callable<T> action) {
    PrintStream original = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      T value = action.call();
      return new Captured<>(value, buffer.toString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("action failed: " + e, e);
    } finally {
      System.setErr(original);
    }
  }

  public static <T> Captured<T> stdout(Callable<T> action) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      T value = action.call();
      return new Captured<>(value, buffer.toString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("action failed: " + e, e);
    } finally {
      System.setOut(original);
    }
  }
}
