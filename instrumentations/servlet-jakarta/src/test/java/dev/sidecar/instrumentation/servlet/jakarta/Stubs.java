package dev.sidecar.instrumentation.servlet.jakarta;

import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;

/** What the tests that call an instrumented servlet directly answer with, in place of a container. */
final class Stubs {
  private Stubs() {}

  /** A response whose status is 200 and whose every other getter gives its type's plain value. */
  static HttpServletResponse response() {
    return (HttpServletResponse) Proxy.newProxyInstance(Stubs.class.getClassLoader(),
        new Class<?>[] {HttpServletResponse.class},
        (proxy, method, args) -> method.getName().equals("getStatus") ? 200 : plain(method.getReturnType()));
  }

  /** Zero, false, or null: what a getter of {@code type} gives when the test has nothing to say. */
  static Object plain(Class<?> type) {
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == boolean.class) {
      return false;
    }
    return null;
  }
}
