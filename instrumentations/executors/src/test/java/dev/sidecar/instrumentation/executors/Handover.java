package dev.sidecar.instrumentation.executors;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The ways application code hands work to another thread, each waiting until the work is done. */
enum Handover {
  EXECUTE {
    @Override
    void run(Runnable work) throws Exception {
      onFixedPool(pool -> {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pool.execute(() -> {
          work.run();
          done.complete(null);
        });
        done.get(WAIT, TimeUnit.SECONDS);
      });
    }
  },
  SUBMIT_RUNNABLE {
    @Override
    void run(Runnable work) throws Exception {
      onFixedPool(pool -> pool.submit(work).get(WAIT, TimeUnit.SECONDS));
    }
  },
  SUBMIT_CALLABLE {
    @Override
    void run(Runnable work) throws Exception {
      onFixedPool(pool -> pool.submit(callable(work)).get(WAIT, TimeUnit.SECONDS));
    }
  },
  INVOKE_ALL {
    @Override
    void run(Runnable work) throws Exception {
      onFixedPool(pool -> pool.invokeAll(List.of(callable(work)), WAIT, TimeUnit.SECONDS).get(0).get());
    }
  },
  INVOKE_ANY {
    @Override
    void run(Runnable work) throws Exception {
      onFixedPool(pool -> pool.invokeAny(List.of(callable(work)), WAIT, TimeUnit.SECONDS));
    }
  },
  SCHEDULE {
    @Override
    void run(Runnable work) throws Exception {
      ScheduledExecutorService pool = Executors.newScheduledThreadPool(1);
      try {
        pool.schedule(work, 10, TimeUnit.MILLISECONDS).get(WAIT, TimeUnit.SECONDS);
      } finally {
        pool.shutdown();
      }
    }
  },
  FORK_JOIN_POOL_EXECUTE {
    @Override
    void run(Runnable work) throws Exception {
      ForkJoinPool pool = new ForkJoinPool(2);
      try {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pool.execute(() -> {
          work.run();
          done.complete(null);
        });
        done.get(WAIT, TimeUnit.SECONDS);
      } finally {
        pool.shutdown();
      }
    }
  },
  FORK_JOIN_POOL_INVOKE_ALL {
    @Override
    void run(Runnable work) throws Exception {
      ForkJoinPool pool = new ForkJoinPool(2);
      try {
        pool.invokeAll(List.of(callable(work))).get(0).get(WAIT, TimeUnit.SECONDS);
      } finally {
        pool.shutdown();
      }
    }
  },
  COMMON_POOL_SUBMIT {
    @Override
    void run(Runnable work) throws Exception {
      ForkJoinPool.commonPool().submit(callable(work)).get(WAIT, TimeUnit.SECONDS);
    }
  },
  FORKED_TASK {
    @Override
    void run(Runnable work) throws Exception {
      ForkJoinPool pool = new ForkJoinPool(2);
      try {
        pool.invoke(new Split(work, 2));
      } finally {
        pool.shutdown();
      }
    }
  },
  COMPLETABLE_FUTURE_ASYNC_STAGES {
    @Override
    void run(Runnable work) throws Exception {
      CompletableFuture.supplyAsync(() -> "first")
          .thenApplyAsync(first -> {
            work.run();
            return first;
          })
          .get(WAIT, TimeUnit.SECONDS);
    }
  },
  COMPLETABLE_FUTURE_ON_A_POOL {
    @Override
    void run(Runnable work) throws Exception {
      onFixedPool(pool -> CompletableFuture.runAsync(work, pool).get(WAIT, TimeUnit.SECONDS));
    }
  },
  VIRTUAL_THREAD_PER_TASK_EXECUTOR(21) {
    @Override
    void run(Runnable work) throws Exception {
      ExecutorService pool;
      try {
        pool = (ExecutorService) Virtual.PER_TASK_EXECUTOR.invoke();
      } catch (Throwable t) {
        throw rethrown(t);
      }
      try {
        pool.submit(work).get(WAIT, TimeUnit.SECONDS);
      } finally {
        pool.shutdown();
      }
    }
  },
  THREAD_OF_VIRTUAL(21) {
    @Override
    void run(Runnable work) throws Exception {
      try {
        Object builder = Virtual.OF_VIRTUAL.invoke();
        ((Thread) Virtual.BUILDER_START.invoke(builder, work)).join(WAIT * 1000L);
      } catch (Throwable t) {
        throw rethrown(t);
      }
    }
  },
  START_VIRTUAL_THREAD(21) {
    @Override
    void run(Runnable work) throws Exception {
      try {
        ((Thread) Virtual.START_VIRTUAL_THREAD.invoke(work)).join(WAIT * 1000L);
      } catch (Throwable t) {
        throw rethrown(t);
      }
    }
  };

  static final int WAIT = 10;

  /** The first JDK release with this hand-over. */
  final int since;

  Handover() {
    this(11);
  }

  Handover(int since) {
    this.since = since;
  }

  abstract void run(Runnable work) throws Exception;

  interface PoolUse {
    void accept(ExecutorService pool) throws Exception;
  }

  static void onFixedPool(PoolUse use) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      use.accept(pool);
    } finally {
      pool.shutdown();
    }
  }

  static Callable<Void> callable(Runnable work) {
    return () -> {
      work.run();
      return null;
    };
  }

  static Exception rethrown(Throwable t) {
    if (t instanceof Error) {
      throw (Error) t;
    }
    return t instanceof Exception ? (Exception) t : new IllegalStateException(t);
  }

  /** Splits until one piece is left, which does the work: tasks forked from forked tasks. */
  static final class Split extends RecursiveAction {
    private final Runnable work;
    private final int pieces;

    Split(Runnable work, int pieces) {
      this.work = work;
      this.pieces = pieces;
    }

    @Override
    protected void compute() {
      if (pieces == 1) {
        work.run();
        return;
      }
      Split other = new Split(() -> { }, 1);
      Split last = new Split(work, pieces - 1);
      other.fork();
      last.fork();
      other.join();
      last.join();
    }
  }

  /** JDK 21 virtual-thread API, reached by method handles so the tests compile for JDK 17. */
  static final class Virtual {
    static final MethodHandle PER_TASK_EXECUTOR;
    static final MethodHandle OF_VIRTUAL;
    static final MethodHandle BUILDER_START;
    static final MethodHandle START_VIRTUAL_THREAD;

    static {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      MethodHandle perTask = null;
      MethodHandle ofVirtual = null;
      MethodHandle builderStart = null;
      MethodHandle startVirtual = null;
      if (Runtime.version().feature() >= 21) {
        try {
          perTask = lookup.findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
              MethodType.methodType(ExecutorService.class));
          Class<?> builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
          ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder));
          builderStart = lookup.findVirtual(Class.forName("java.lang.Thread$Builder"), "start",
              MethodType.methodType(Thread.class, Runnable.class));
          startVirtual = lookup.findStatic(Thread.class, "startVirtualThread",
              MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException e) {
          throw new ExceptionInInitializerError(e);
        }
      }
      PER_TASK_EXECUTOR = perTask;
      OF_VIRTUAL = ofVirtual;
      BUILDER_START = builderStart;
      START_VIRTUAL_THREAD = startVirtual;
    }
  }
}
