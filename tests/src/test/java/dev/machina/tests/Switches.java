package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.time.DayOfWeek;

/** Switch statements (fallthrough, strings, enums, arrows) and switch expressions with yield. */
public final class Switches {
  private Switches() {}

  private static int hidden = 10;
  static int shared = 20;

  /**
   * Arrow bodies that are a bare field name: in a switch expression with awaits (lowered) and in
   * one without, after an await (copied into the machine); the private field goes through a
   * handle, the other is qualified.
   */
  @Async
  static Future<String> fieldsAsArrowBodies(Src s, int k) {
    int lowered =
        switch (k) {
          case 0 -> hidden;
          case 1 -> shared;
          default -> await(s.val(-1));
        };
    int copied =
        switch (k) {
          case 0 -> shared;
          case 1 -> hidden;
          default -> 0;
        };
    return Future.ready(lowered + "/" + copied);
  }

  @Async
  static Future<Integer> fallthrough(Src s, Trace t, int n) {
    int acc = 0;
    switch (await(s.val(n))) {
      case 1:
        acc += await(s.val(1));
        t.add("c1");
        // fall through
      case 2:
        acc += 2;
        t.add("c2");
      case 3:
        {
          acc += await(s.val(3));
          t.add("c3");
          break;
        }
      case 4:
        t.add("c4");
        return Future.ready(-4);
      default:
        t.add("default");
        acc = await(s.val(99));
    }
    t.add("after");
    return Future.ready(acc);
  }

  @Async
  static Future<String> strings(Src s, Trace t, String key) {
    String r;
    switch (await(s.val(key))) {
      case "a":
        r = "A" + await(s.val(1));
        break;
      case "b":
      case "c":
        r = "BC";
        break;
      default:
        r = "?" + key;
    }
    return Future.ready(r);
  }

  @Async
  static Future<String> enumsAndArrows(Src s, Trace t, DayOfWeek d) {
    switch (await(s.val(d))) {
      case SATURDAY, SUNDAY -> t.add("weekend" + await(s.val("!")));
      case FRIDAY -> {
        t.add("friday");
        t.add("almost" + await(s.val(".")));
      }
      default -> t.add("work");
    }
    return Future.ready(d.name().toLowerCase());
  }

  @Async
  static Future<Integer> expression(Src s, Trace t, String key) {
    int v =
        switch (await(s.val(key))) {
          case "one" -> await(s.val(1));
          case "two" -> {
            int x = await(s.val(1));
            t.add("two");
            yield x + await(s.val(1));
          }
          case "many", "lots" -> 1000;
          default -> {
            if (key.isEmpty()) {
              yield await(s.val(-1));
            }
            yield key.length() * 7;
          }
        };
    int w =
        switch (v % 3) {
          case 0:
            yield await(s.val(v));
          case 1:
            t.add("old style");
          default:
            yield v + await(s.val(10)) + switch (v) {
              case 1 -> 100;
              default -> await(s.val(200));
            };
        };
    return Future.ready(w);
  }

  @Async
  static Future<Integer> breakFromSwitchInLoop(Src s, Trace t) {
    int total = 0;
    loop:
    for (int i = 0; i < 6; i++) {
      switch (i) {
        case 1:
          continue;
        case 4:
          break loop;
        default:
          total += await(s.val(i));
          break;
      }
      t.add("i" + i);
    }
    return Future.ready(total);
  }
}
