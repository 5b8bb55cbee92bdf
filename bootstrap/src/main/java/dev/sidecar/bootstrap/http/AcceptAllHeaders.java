package dev.sidecar.bootstrap.http;

import java.util.function.BiPredicate;

/** A header filter that keeps everything; advice cannot carry a lambda of its own. */
public final class AcceptAllHeaders implements BiPredicate<String, String> {
  public static final AcceptAllHeaders INSTANCE = new AcceptAllHeaders();

  private AcceptAllHeaders() {}

  @Override
  public boolean test(String name, String value) {
    return true;
  }
}
