package dev.machina.bench;

import dev.machina.MachinaRuntime;
import dev.machina.bench.kt.KotlinPeers;
import dev.machina.bench.machina.FibAsync;
import dev.machina.bench.machina.NestAsync;
import dev.machina.bench.machina.PingPongAsync;
import dev.machina.bench.machina.PingPongParts;
import dev.machina.bench.machina.SpawnJoinAsync;
import dev.machina.bench.machina.TimeoutChurn;
import dev.machina.bench.peers.CfFib;
import dev.machina.bench.peers.SyncFib;
import io.netty.util.HashedWheelTimer;
import io.netty.util.TimerTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A companion to the JMH figures for a machine shared with other work: B1, B2, B3, B5 and the B6
 * timeout churn for
 * Machina and each peer, interleaved round by round so that load changes hit them alike; reports
 * the best (least disturbed) and the median round of each, in ns per operation.
 * {@code java -Djdk.virtualThreadScheduler.parallelism=2 -Dkotlinx.coroutines.scheduler.core.pool.size=2 -cp benchmarks.jar dev.machina.bench.Interleaved [rounds]}
 * ({@code -Dmachina.bench.only=B3} keeps the cases whose name starts with {@code B3};
 * {@code B1,B5} those starting with either).
 */
public final class Interleaved {
  /** One measured case: a name, operations per run, and the run. */
  private record Case(String name, int ops, Runnable run) {}

  private static volatile long sink;

  private Interleaved() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int warmup = rounds / 2;
    int tasks = 200_000;
    Supplier<Integer> one = () -> 1;
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(Jvm.WORKERS).build();
        MachinaRuntime oneWorker = MachinaRuntime.builder().workerThreads(1).build()) {
      ForkJoinPool pool = new ForkJoinPool(Jvm.WORKERS);
      List<Case> cases = new ArrayList<>();
      int calls = B1AwaitOverhead.CALLS;
      int n = B1AwaitOverhead.N;
      cases.add(new Case("B1 syncFib", calls, () -> sink += SyncFib.fib(n)));
      cases.add(new Case("B1 machinaFib", calls, () -> sink += rt.blockOn(FibAsync.fib(n))));
      cases.add(new Case("B1 kotlinSuspendFib", calls, () -> sink += KotlinPeers.fibBlocking(n)));
      cases.add(new Case("B1 completableFutureFib", calls, () -> sink += CfFib.fib(n).join()));
      cases.add(new Case("B2 machinaSpawn", tasks,
          () -> sink += rt.blockOn(rt.spawn(SpawnJoinAsync.spawnJoin(tasks)))));
      cases.add(new Case("B2 part: machinaSpawnOnOneWorker", tasks,
          () -> sink += oneWorker.blockOn(oneWorker.spawn(SpawnJoinAsync.spawnJoin(tasks)))));
      cases.add(new Case("B2 kotlinAsync", tasks, () -> sink += KotlinPeers.spawnJoin(tasks)));
      cases.add(new Case("B2 completableFutureSupplyAsync", tasks, () -> {
        @SuppressWarnings("unchecked")
        CompletableFuture<Integer>[] fs = new CompletableFuture[tasks];
        for (int i = 0; i < tasks; i++) {
          fs[i] = CompletableFuture.supplyAsync(one, pool);
        }
        for (CompletableFuture<Integer> f : fs) {
          sink += f.join();
        }
      }));
      if (VirtualThreads.available()) {
        cases.add(new Case("B2 virtualThreads", tasks, () -> {
          Thread[] ts = new Thread[tasks];
          for (int i = 0; i < tasks; i++) {
            ts[i] = VirtualThreads.start(() -> {});
          }
          for (Thread t : ts) {
            try {
              t.join();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          }
        }));
      }
      cases.add(new Case("B3 machinaChannels", tasks,
          () -> sink += rt.blockOn(rt.spawn(PingPongAsync.pingPong(tasks)))));
      cases.add(new Case("B3 kotlinRendezvousChannel", tasks, () -> sink += KotlinPeers.pingPong(tasks)));
      if (VirtualThreads.available()) {
        cases.add(new Case("B3 virtualThreadsSynchronousQueue", tasks, () -> {
          try {
            sink += B3PingPong.virtualThreadPingPong(tasks);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      cases.add(new Case("B3 part: machinaChannelsOnOneWorker", tasks,
          () -> sink += oneWorker.blockOn(oneWorker.spawn(PingPongAsync.pingPong(tasks)))));
      cases.add(new Case("B3 part: channelsOnlyOneThread", tasks,
          () -> sink += PingPongParts.channelsOnly(tasks)));
      cases.add(new Case("B3 part: executorOnlyTurnPassing", tasks,
          () -> sink += PingPongParts.executorOnly(rt, tasks)));
      for (int depth : new int[] {1, 1000}) {
        cases.add(new Case("B5 machinaNestedAwait depth=" + depth, 1000,
            () -> sink += rt.blockOn(rt.spawn(NestAsync.nest(depth, 1000)))));
        cases.add(new Case("B5 kotlinNestedSuspend depth=" + depth, 1000,
            () -> sink += KotlinPeers.nestBlocking(depth, 1000)));
      }
      int churn = 10_000;
      ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(Jvm.WORKERS);
      scheduler.setRemoveOnCancelPolicy(true);
      HashedWheelTimer wheel = new HashedWheelTimer(1, TimeUnit.MILLISECONDS, 1024);
      Runnable nothing = () -> {};
      TimerTask noTimerTask = timeout -> {};
      cases.add(new Case("B6churn machinaTimeout", churn,
          () -> sink += rt.blockOn(new TimeoutChurn(churn))));
      cases.add(new Case("B6churn nettyHashedWheelTimer", churn, () -> {
        for (int i = 0; i < churn; i++) {
          wheel.newTimeout(noTimerTask, 10, TimeUnit.SECONDS).cancel();
        }
      }));
      cases.add(new Case("B6churn scheduledThreadPoolExecutor", churn, () -> {
        for (int i = 0; i < churn; i++) {
          scheduler.schedule(nothing, 10, TimeUnit.SECONDS).cancel(false);
        }
      }));
      cases.add(new Case("B6churn kotlinWithTimeout", churn, () -> sink += KotlinPeers.timeoutChurn(churn)));
      String only = System.getProperty("machina.bench.only");
      if (only != null) {
        List<String> prefixes = List.of(only.split(","));
        cases.removeIf(c -> prefixes.stream().noneMatch(c.name()::startsWith));
      }
      Map<String, double[]> results = new LinkedHashMap<>();
      for (Case c : cases) {
        results.put(c.name(), new double[rounds]);
      }
      for (int r = -warmup; r < rounds; r++) {
        for (Case c : cases) {
          long t0 = System.nanoTime();
          c.run().run();
          double perOp = (System.nanoTime() - t0) / (double) c.ops();
          if (r >= 0) {
            results.get(c.name())[r] = perOp;
          }
        }
      }
      pool.shutdown();
      scheduler.shutdownNow();
      wheel.stop();
      for (Map.Entry<String, double[]> e : results.entrySet()) {
        double[] v = e.getValue().clone();
        Arrays.sort(v);
        System.out.printf(
            "Interleaved %-40s best=%10.2f ns/op  median=%10.2f ns/op  rounds=%d%n",
            e.getKey(), v[0], v[v.length / 2], rounds);
      }
    }
  }
}
