package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/** try-with-resources: awaits in initializers and body, close order, suppressed exceptions. */
public final class Resources {
  private Resources() {}

  /** A resource that logs its closing and optionally fails when closed. */
  static final class Res implements AutoCloseable {
    final String name;
    final Trace trace;
    final RuntimeException onClose;

    Res(String name, Trace trace, RuntimeException onClose) {
      this.name = name;
      this.trace = trace;
      this.onClose = onClose;
      trace.add("open " + name);
    }

    @Override
    public void close() {
      trace.add("close " + name);
      if (onClose != null) {
        throw onClose;
      }
    }
  }

  @Async
  static Future<String> closeOrder(Src s, Trace t) {
    String r;
    try (Res a = new Res(await(s.val("a")), t, null);
        Res b = await(s.val(new Res("b", t, null)));
        Res none = null) {
      t.add("body " + a.name + b.name + (none == null));
      r = await(s.val(a.name + b.name));
    } finally {
      t.add("finally");
    }
    return Future.ready(r);
  }

  @Async
  static Future<String> suppressed(Src s, Trace t) {
    RuntimeException bodyFail = new IllegalStateException("body");
    try (Res a = new Res("a", t, new IllegalArgumentException("close a"));
        Res b = new Res("b", t, new IllegalArgumentException("close b"))) {
      await(s.val(0));
      await(s.<Void>fail(bodyFail));
      return Future.ready("not here");
    } catch (IllegalStateException e) {
      StringBuilder sb = new StringBuilder(e.getMessage());
      for (Throwable x : e.getSuppressed()) {
        sb.append(" +").append(x.getMessage());
      }
      return Future.ready(await(s.val(sb.toString())) + (e == bodyFail));
    }
  }

  @Async
  static Future<String> closeFailureOnly(Src s, Trace t) {
    try (Res a = new Res("a", t, new IllegalArgumentException("close a"))) {
      t.add("body " + await(s.val(a.name)));
    } catch (IllegalArgumentException e) {
      return Future.ready("caught " + e.getMessage() + " suppressed=" + e.getSuppressed().length);
    }
    return Future.ready("no exception");
  }

  @Async
  static Future<String> initializerFails(Src s, Trace t, RuntimeException e) {
    try (Res a = new Res("a", t, null);
        Res b = new Res(await(s.<String>fail(e)), t, null)) {
      t.add("body");
    } catch (RuntimeException x) {
      t.add("caught " + (x == e));
    }
    return Future.ready("done");
  }

  @Async
  static Future<String> existingVariable(Src s, Trace t) {
    Res outer = new Res(await(s.val("x")), t, null);
    try (outer) {
      t.add("body " + await(s.val(1)));
    }
    return Future.ready("ok");
  }
}
