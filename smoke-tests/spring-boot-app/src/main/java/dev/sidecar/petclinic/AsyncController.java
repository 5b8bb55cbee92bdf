package dev.sidecar.petclinic;

import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Pages answered after the handler has returned, {@value #DELAY_MILLIS} ms later: a {@link DeferredResult} set
 * from a timer thread, and a {@link Callable} that Spring runs on its task executor.
 */
@RestController
public class AsyncController implements DisposableBean {

  static final long DELAY_MILLIS = 50;

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "petclinic-timer");
    thread.setDaemon(true);
    return thread;
  });

  @GetMapping("/deferred/{id}")
  public DeferredResult<String> deferred(@PathVariable("id") String id) {
    DeferredResult<String> result = new DeferredResult<>();
    timer.schedule(() -> result.setResult("deferred " + id + "\n"), DELAY_MILLIS, TimeUnit.MILLISECONDS);
    return result;
  }

  @GetMapping("/callable/{id}")
  public Callable<String> callable(@PathVariable("id") String id) {
    return () -> {
      Thread.sleep(DELAY_MILLIS);
      return "callable " + id + "\n";
    };
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
