package dev.sidecar.bootstrap.http;

import dev.sidecar.bootstrap.AgentErrors;
import dev.sidecar.bootstrap.SpanRecord;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * Ends the client span of a {@code java.net.http.HttpClient.sendAsync} call when its future
 * completes. {@code java.net.http} is defined to the platform class loader, which the bootstrap
 * loader cannot see, so the response is read through method handles looked up once.
 */
public final class JdkHttpClientCompletion implements BiConsumer<Object, Throwable> {
  private final SpanRecord span;

  private JdkHttpClientCompletion(SpanRecord span) {
    this.span = span;
  }

  public static BiConsumer<Object, Throwable> ending(SpanRecord span) {
    return new JdkHttpClientCompletion(span);
  }

  @Override
  public void accept(Object response, Throwable error) {
    try {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (response == null) {
        HttpClientSpans.end(span, 0, null, cause);
        return;
      }
      int status = (int) ResponseAccess.STATUS_CODE.invoke(response);
      Object version = ResponseAccess.VERSION.invoke(response);
      HttpClientSpans.end(span, status, protocolVersion(version), cause);
    } catch (Throwable t) {
      AgentErrors.record(t);
    }
  }

  /** {@code network.protocol.version} of an {@code HttpClient.Version}; null if unknown. */
  public static String protocolVersion(Object version) {
    if (version == null) {
      return null;
    }
    String name = version.toString();
    if ("HTTP_1_1".equals(name)) {
      return "1.1";
    }
    return "HTTP_2".equals(name) ? "2" : null;
  }

  // Resolved on first use, when java.net.http is certainly loaded.
  private static final class ResponseAccess {
    static final MethodHandle STATUS_CODE;
    static final MethodHandle VERSION;

    static {
      try {
        Class<?> response = Class.forName("java.net.http.HttpResponse", false, ClassLoader.getPlatformClassLoader());
        Class<?> version = Class.forName("java.net.http.HttpClient$Version", false, ClassLoader.getPlatformClassLoader());
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        STATUS_CODE = lookup.findVirtual(response, "statusCode", MethodType.methodType(int.class))
            .asType(MethodType.methodType(int.class, Object.class));
        VERSION = lookup.findVirtual(response, "version", MethodType.methodType(version))
            .asType(MethodType.methodType(Object.class, Object.class));
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }
}
