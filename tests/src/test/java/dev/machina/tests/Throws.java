package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.io.IOException;

/** throw statements and checked exceptions travelling through awaits as the original objects. */
public final class Throws {
  private Throws() {}

  @Async
  static Future<Integer> throwAwaited(Src s, Trace t, IllegalStateException e) {
    t.add("start");
    if (await(s.val(true))) {
      throw await(s.val(e));
    }
    return Future.ready(0);
  }

  @Async
  static Future<String> catchChecked(Src s, Trace t, IOException io) {
    try {
      String v = await(s.<String>fail(io));
      return Future.ready(v);
    } catch (Exception e) {
      // javac's exception analysis does not know await can throw IOException: catch wider.
      t.add("same=" + (e == io) + " io=" + (e instanceof IOException));
      return Future.ready("caught " + e.getMessage());
    }
  }

  @Async
  static Future<String> catchCheckedByType(Src s, Trace t, IOException io, boolean fail) {
    try {
      String v = await(fail ? s.<String>fail(io) : s.val("fine"), IOException.class);
      t.add("got " + v);
      return Future.ready(v);
    } catch (IOException e) {
      t.add("same=" + (e == io));
      return Future.ready("caught " + e.getMessage());
    } finally {
      t.add("finally");
    }
  }

  @Async
  static Future<String> propagateChecked(Src s, IOException io) {
    String v = await(s.<String>fail(io));
    return Future.ready(v);
  }

  @Async
  static Future<String> throwCheckedDirectly(Src s, boolean doThrow) throws IOException {
    int x = await(s.val(3));
    if (doThrow) {
      throw new IOException("direct " + x);
    }
    return Future.ready("fine " + x);
  }

  @Async
  static Future<String> rethrowWrapped(Src s, Trace t, IOException io) {
    try {
      await(s.<Void>fail(io));
      return Future.ready("no");
    } catch (Exception e) {
      t.add("wrapping");
      throw new IllegalStateException(await(s.val("wrapped")), e);
    }
  }

  @Async
  static Future<String> errorsToo(Src s, StackOverflowError err) {
    try {
      await(s.<Void>fail(err));
      return Future.ready("no");
    } catch (StackOverflowError e) {
      return Future.ready("error same=" + (e == err));
    }
  }
}
