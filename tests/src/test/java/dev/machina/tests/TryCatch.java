package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;

/** try/catch/finally with awaits in every block, multi-catch, nesting and return inside try. */
public final class TryCatch {
  private TryCatch() {}

  @Async
  static Future<String> everyBlock(Src s, Trace t, boolean fail) {
    String r = "none";
    try {
      t.add("try");
      r = await(s.val("t"));
      if (fail) {
        await(s.<String>fail(new IllegalArgumentException("bad")));
      }
      r += await(s.val("+"));
    } catch (IllegalArgumentException e) {
      t.add("catch " + e.getMessage());
      r = await(s.val("c:" + e.getMessage()));
    } finally {
      t.add("finally");
      r += await(s.val("/f"));
    }
    t.add("after");
    return Future.ready(r);
  }

  @Async
  static Future<String> multiCatch(Src s, Trace t, int which) {
    try {
      switch (which) {
        case 0:
          await(s.<Void>fail(new IllegalStateException("ise")));
          break;
        case 1:
          await(s.<Void>fail(new UncheckedIOException(new IOException("io"))));
          break;
        case 2:
          throw new ArithmeticException("arith");
        default:
          break;
      }
      return Future.ready("no exception");
    } catch (IllegalStateException | UncheckedIOException e) {
      t.add("multi");
      return Future.ready(await(s.val(e.getClass().getSimpleName())));
    } catch (RuntimeException e) {
      return Future.ready("runtime " + await(s.val(e.getMessage())));
    }
  }

  @Async
  static Future<Integer> nested(Src s, Trace t) {
    int x = 0;
    try {
      try {
        x = await(s.val(1));
        await(s.<Void>fail(new IllegalStateException("inner")));
      } catch (IllegalArgumentException e) {
        t.add("wrong catch");
      } finally {
        t.add("inner finally " + x);
        x += await(s.val(10));
      }
      t.add("not reached");
    } catch (IllegalStateException e) {
      t.add("outer catch " + e.getMessage());
      try {
        x += await(s.val(100));
        throw new IllegalArgumentException("from catch");
      } catch (IllegalArgumentException e2) {
        t.add("nested catch " + e2.getMessage());
      }
    } finally {
      t.add("outer finally");
    }
    return Future.ready(x);
  }

  @Async
  static Future<Integer> returnInsideTry(Src s, Trace t, int path) {
    int x = 1;
    try {
      x = await(s.val(5));
      if (path == 0) {
        return Future.ready(x);
      }
      if (path == 1) {
        return s.val(x * 2);
      }
      x = 7;
    } finally {
      t.add("finally x=" + x);
      x = await(s.val(-1));
      t.add("finally done x=" + x);
    }
    return Future.ready(x);
  }

  @SuppressWarnings("finally")
  @Async
  static Future<String> finallyOverrides(Src s, Trace t) {
    try {
      await(s.<Void>fail(new IllegalStateException("lost")));
      return Future.ready("try");
    } finally {
      t.add("finally");
      return Future.ready(await(s.val("finally wins")));
    }
  }

  /**
   * A return inside a finally block that an exception overtakes, caught within that finally: the
   * return pending when the finally began goes on with its own value (F28).
   */
  @SuppressWarnings("finally")
  @Async
  static Future<String> pendingReturnSurvivesAnAbandonedOne(Src s, Trace t, boolean tail) {
    try {
      if (tail) {
        return s.val("outer tail");
      }
      return Future.ready("outer " + await(s.val(1)));
    } finally {
      try {
        try {
          if (tail) {
            return s.val("inner tail");
          }
          return Future.ready("inner " + await(s.val(2)));
        } finally {
          if (await(s.val(true))) {
            throw new IllegalStateException("overtaken");
          }
        }
      } catch (IllegalStateException e) {
        t.add("caught " + e.getMessage());
      }
    }
  }

  @SuppressWarnings("finally")
  @Async
  static Future<String> finallyThrowReplaces(Src s, Trace t) {
    try {
      try {
        return Future.ready(await(s.val("try")));
      } finally {
        await(s.val(0));
        throw new IllegalStateException("from finally");
      }
    } catch (IllegalStateException e) {
      return Future.ready("caught " + e.getMessage());
    }
  }

  @Async
  static Future<String> loopWithTryBreak(Src s, Trace t) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      try {
        if (i == 1) {
          continue;
        }
        if (i == 3) {
          break;
        }
        sb.append(await(s.val(i)));
      } finally {
        sb.append(await(s.val("f")));
      }
    }
    return Future.ready(sb.toString());
  }
}
