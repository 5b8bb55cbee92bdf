package dev.sidecar.instrumentation.okhttp;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The same suite through {@code Call.enqueue}: the call runs on OkHttp's dispatcher thread. */
class OkHttpAsyncTest extends OkHttpTest {
  @Override
  int execute(OkHttpClient okHttp, URI uri) throws Exception {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    okHttp.newCall(new Request.Builder().url(uri.toString()).build()).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        status.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (Response closed = response) {
          status.complete(closed.code());
        }
      }
    });
    try {
      return status.get();
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }
}
