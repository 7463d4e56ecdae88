package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;

/** Labeled break and continue across nested loops and labeled blocks, with awaits around them. */
public final class Labels {
  private Labels() {}

  @Async
  static Future<Integer> nested(Src s, Trace t) {
    int count = 0;
    outer:
    for (int i = 0; i < 4; i++) {
      inner:
      for (int j = 0; j < 4; j++) {
        int v = await(s.val(i * 10 + j));
        if (j == 1) {
          continue inner;
        }
        if (j > i) {
          t.add("co" + v);
          continue outer;
        }
        if (v == 32) {
          t.add("bo" + v);
          break outer;
        }
        count += v;
      }
      t.add("row" + i);
    }
    return Future.ready(count);
  }

  @Async
  static Future<String> labeledBlock(Src s, Trace t, boolean leave) {
    String r = "start";
    block:
    {
      r = await(s.val(r + "-a"));
      if (leave) {
        break block;
      }
      r = await(s.val(r + "-b"));
    }
    t.add(r);
    whileLabel:
    while (true) {
      do {
        if (await(s.val(true))) {
          break whileLabel;
        }
      } while (true);
    }
    return Future.ready(r);
  }
}
