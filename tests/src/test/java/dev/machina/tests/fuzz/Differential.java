package dev.machina.tests.fuzz;

import dev.machina.Future;
import dev.machina.Machina;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs generated programs three ways, the reference with {@code await} resolved in place, the
 * {@code @Async} machine on a minimal parking driver and the machine as a task of Machina's
 * runtime, and reports every program whose outcomes differ.
 */
final class Differential {
  /** A program the two compilations disagree on, or that the processor did not compile. */
  record Divergence(FuzzProgram program, String what) {
    String report() {
      String mode = program.release >= 21 ? "machina.fuzz.java21." : "machina.fuzz.";
      return "DIVERGENCE for seed " + program.seed + " (reproduce: -D" + mode + "seed="
          + program.seed + " -D" + mode + "programs=1)\n" + what + "\n--- program ---\n"
          + program.source(true);
    }
  }

  /** Totals over the programs run. */
  static final class Stats {
    int programs;
    int returned;
    int threw;
    long traceEvents;
  }

  private Differential() {}

  /** How often the awaited futures of the program with {@code seed} fail, per thousand. */
  static int failPermille(long seed) {
    return new int[] {0, 15, 60, 150}[(int) Math.floorMod(seed * 0x9E3779B97F4A7C15L >>> 33, 4)];
  }

  /** Checks {@code batch} with one javac run, splitting it to isolate programs that fail to compile. */
  static List<Divergence> check(List<FuzzProgram> batch, Stats stats) throws IOException {
    List<Divergence> out = new ArrayList<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (FuzzProgram p : batch) {
      sources.put(p.path(true), p.source(true));
      sources.put(p.path(false), p.source(false));
    }
    int release = batch.stream().mapToInt(p -> p.release).max().orElse(17);
    try (InMemoryCompiler.Result r = InMemoryCompiler.compile(sources, true, release)) {
      if (!r.success) {
        List<FuzzProgram> blamed = blamed(batch, r);
        if (!blamed.isEmpty() && blamed.size() < batch.size() && r.crash == null) {
          for (FuzzProgram p : blamed) {
            out.add(new Divergence(p, "did not compile with the processor:\n" + errorsOf(p, r)));
          }
          List<FuzzProgram> rest = new ArrayList<>(batch);
          rest.removeAll(blamed);
          out.addAll(check(rest, stats));
          return out;
        }
        if (batch.size() == 1) {
          out.add(new Divergence(batch.get(0), "did not compile with the processor:\n"
              + (r.crash != null ? "processor crash: " + stackTrace(r.crash) : r.errors())));
          return out;
        }
        int half = batch.size() / 2;
        out.addAll(check(batch.subList(0, half), stats));
        out.addAll(check(batch.subList(half, batch.size()), stats));
        return out;
      }
      for (FuzzProgram p : batch) {
        String d = compare(p, r, stats);
        if (d != null) {
          out.add(new Divergence(p, d));
        }
      }
    }
    return out;
  }

  /** The programs that javac's errors name (in their own or in their generated source). */
  private static List<FuzzProgram> blamed(List<FuzzProgram> batch, InMemoryCompiler.Result r) {
    List<FuzzProgram> out = new ArrayList<>();
    for (FuzzProgram p : batch) {
      if (!errorsOf(p, r).isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  private static String errorsOf(FuzzProgram p, InMemoryCompiler.Result r) {
    StringBuilder sb = new StringBuilder();
    for (String line : r.errors().split("\n")) {
      if (line.contains("/" + p.name + ".java:") || line.contains("/" + p.name + "Async.java:")) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  /** Runs one compiled program both ways; returns a description of the difference, or null. */
  static String compare(FuzzProgram p, InMemoryCompiler.Result r, Stats stats) {
    int fail = failPermille(p.seed);
    Outcome reference;
    Outcome machine;
    Outcome onRuntime;
    try {
      reference = run(r.load(p.className(false)), p.seed, fail, false);
      machine = run(r.load(p.className(true)), p.seed, fail, true);
      onRuntime = run(r.load(p.className(true)), p.seed, fail, true, true);
    } catch (ReflectiveOperationException e) {
      return "could not load the compiled program: " + e;
    }
    stats.programs++;
    if (reference.thrown == null) {
      stats.returned++;
    } else {
      stats.threw++;
    }
    stats.traceEvents += reference.trace.size();
    if (!reference.equals(machine)) {
      return "reference: " + reference + "\nmachine:   " + machine + "\nfirst difference: "
          + firstDifference(reference.trace, machine.trace);
    }
    if (!reference.equals(onRuntime)) {
      return "reference: " + reference + "\nmachine on Machina.blockOn: " + onRuntime
          + "\nfirst difference: " + firstDifference(reference.trace, onRuntime.trace);
    }
    return null;
  }

  static Outcome run(Class<?> c, long seed, int failPermille, boolean checkLazy)
      throws ReflectiveOperationException {
    return run(c, seed, failPermille, checkLazy, false);
  }

  /** Runs a compiled program with the parking driver, or with {@code Machina.blockOn}. */
  static Outcome run(Class<?> c, long seed, int failPermille, boolean checkLazy, boolean onRuntime)
      throws ReflectiveOperationException {
    Env env = new Env(seed, failPermille, onRuntime);
    try {
      Future<?> f;
      try {
        f = (Future<?>) invokeRun(c, env);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (checkLazy && !env.trace().isEmpty()) {
        return new Outcome(null, "factory ran part of the body: " + env.trace(), env.trace());
      }
      Object v = onRuntime ? onMachina(f) : Env.block(f);
      return new Outcome(String.valueOf(v), null, env.trace());
    } catch (Throwable x) {
      if (x instanceof ReflectiveOperationException roe) {
        throw roe;
      }
      return new Outcome(null, Outcome.describe(x), env.trace());
    }
  }

  /**
   * Calls the program's {@code run}: static {@code run(Env)}, instance {@code run(Env)} on a new
   * instance, or a generated factory {@code run(Px self, Env)} with a new {@code Px}.
   */
  private static Object invokeRun(Class<?> c, Env env) throws ReflectiveOperationException {
    for (java.lang.reflect.Method m : c.getMethods()) {
      Class<?>[] ps = m.getParameterTypes();
      if (!m.getName().equals("run") || ps[ps.length - 1] != Env.class) {
        continue;
      }
      if (ps.length == 2) {
        return m.invoke(null, newInstance(ps[0]), env);
      }
      boolean instance = !java.lang.reflect.Modifier.isStatic(m.getModifiers());
      return m.invoke(instance ? newInstance(c) : null, env);
    }
    throw new NoSuchMethodException(c.getName() + ".run");
  }

  private static Object newInstance(Class<?> c) throws ReflectiveOperationException {
    java.lang.reflect.Constructor<?> k = c.getDeclaredConstructor();
    k.setAccessible(true);
    return k.newInstance();
  }

  /**
   * Runs {@code f} with {@code Machina.blockOn} on a helper thread, so that a hang fails after 30 s
   * with the program's seed instead of stopping the whole run.
   */
  private static Object onMachina(Future<?> f) throws Throwable {
    CompletableFuture<Object> out = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        out.complete(Machina.blockOn(f));
      } catch (Throwable e) {
        out.completeExceptionally(e);
      }
    }, "fuzz-blockOn");
    t.setDaemon(true);
    t.start();
    try {
      return out.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  private static String firstDifference(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      if (!a.get(i).equals(b.get(i))) {
        return "event " + i + ": " + a.get(i) + " vs " + b.get(i);
      }
    }
    return a.size() == b.size() ? "traces equal" : "trace lengths " + a.size() + " vs " + b.size();
  }

  private static String stackTrace(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }
}
