package dev.machina.tests;

import static dev.machina.Await.await;
import static java.lang.Math.max;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import java.util.List;

/**
 * Bodies whose variables, fields and methods are named like the members of the generated
 * machines ({@code state}, {@code awaiting}, {@code SUSPENDED}, state constants such as
 * {@code START}), like the generated class or its handles, or ending in {@code Async}: the user's
 * names must keep their meaning.
 */
public final class MachineNames {
  static int state = 1000;
  static int awaiting = 2000;

  private final int SUSPENDED;

  MachineNames(int suspended) {
    this.SUSPENDED = suspended;
  }

  /** Parameters and locals named like machine members, each live across an await. */
  @Async
  static Future<Integer> locals(Src s, int state, int depth) {
    int awaiting = await(s.val(state + 1));
    int SUSPENDED = await(s.val(awaiting * 2));
    int MAX_NESTED = await(plusOne(SUSPENDED));
    int r = await(plusOne(MAX_NESTED + depth));
    int cx = await(nest(r));
    int START = await(plusOne(cx));
    int STATES = await(s.val(START + 1));
    int RETHROW = await(s.val(STATES + 1));
    int AWAIT_PLUS_ONE = await(plusOne(RETHROW));
    return Future.ready(
        state + depth + awaiting + SUSPENDED + MAX_NESTED + r + cx + START + STATES + RETHROW
            + AWAIT_PLUS_ONE + awaited(1) + suspendOn(1) + stepped(1) + nests(1) + nest2(1));
  }

  /** The class's static fields named like machine members, read after awaits. */
  @Async
  static Future<Integer> staticFields(Src s) {
    int a = await(s.val(state + 1));
    int b = await(plusOne(awaiting));
    return Future.ready(a + b + state + awaiting);
  }

  /** An instance field named like a machine member, read after an await. */
  @Async
  Future<Integer> instanceField(Src s) {
    int a = await(s.val(SUSPENDED + 1));
    int SUSPENDED_FIELD = await(plusOne(a));
    int MachineNamesAsync = await(plusOne(SUSPENDED_FIELD));
    return Future.ready(a + SUSPENDED + MachineNamesAsync - SUSPENDED_FIELD - 1);
  }

  /**
   * Variables named like machine members in statements without awaits, which are copied whole
   * into the machine (their names kept), around jumps and returns the processor rewrites.
   */
  @Async
  static Future<Integer> copiedStatements(Src s, List<Integer> xs) {
    int total = await(s.val(0));
    outer:
    while (total < 100) {
      total += await(s.val(1));
      for (int state : xs) {
        if (state > 5) {
          break outer;
        }
        total += state;
      }
      for (int awaiting : xs) {
        if (awaiting == 3) {
          return plusOne(total);
        }
      }
    }
    return Future.ready(total);
  }

  /** A catch parameter named {@code state} around a return of a call. */
  @Async
  static Future<Integer> catchNamedState(Src s, int[] a) {
    int i = await(s.val(5));
    try {
      return Future.ready(a[i]);
    } catch (ArrayIndexOutOfBoundsException state) {
      return plusOne(i);
    }
  }

  /** A pattern variable named {@code awaiting} around a return of a call. */
  @Async
  static Future<Integer> patternNamedAwaiting(Src s) {
    Object o = await(s.val(41));
    if (o instanceof Integer awaiting) {
      return plusOne(awaiting);
    }
    return Future.ready(-1);
  }

  /**
   * A copied loop whose variable is named like the final copy the machine makes of a field that
   * a lambda in the loop captures ({@code n_} for {@code n}).
   */
  @Async
  static Future<Integer> captureCopyNamedLikeAVariable(Src s) {
    int n = await(s.val(4));
    int sum = await(s.val(0));
    for (int n_ = 0; n_ < apply(() -> n); n_++) {
      sum += n_;
    }
    return Future.ready(sum);
  }

  static int apply(java.util.function.IntSupplier f) {
    return f.getAsInt();
  }

  /** A variable named {@code Future}, live across an await of a CompletionStage. */
  @Async
  static Future<Integer> variableNamedFuture(java.util.concurrent.CompletionStage<Integer> stage) {
    int Future = 1;
    int v = await(stage);
    return dev.machina.Future.ready(v + Future);
  }

  /**
   * An overridable method, whose factory starts with {@code SUM_OVERRIDES.of(self)} and rethrows
   * through {@code Overrides.rethrow}: parameters with those names must not hide them.
   */
  static class Dispatching {
    @Async
    Future<Integer> sum(Src s, int Overrides, int SUM_OVERRIDES) {
      int a = await(s.val(Overrides));
      return Future.ready(a + SUM_OVERRIDES);
    }
  }

  /** A plain override, reached through the factory's dispatch. */
  static final class Overriding extends Dispatching {
    @Override
    Future<Integer> sum(Src s, int Overrides, int SUM_OVERRIDES) {
      return Future.ready(-Overrides - SUM_OVERRIDES);
    }
  }

  /** A member type whose name ends in Async, as the generated classes' names do. */
  static final class RetryAsync {
    private RetryAsync() {}

    static int twice(int x) {
      return 2 * x;
    }
  }

  /** Names a member type called like a generated class (it once kept the file from being generated). */
  @Async
  static Future<Integer> memberTypeNamedLikeAGeneratedClass(Src s) {
    int a = await(s.val(3));
    return Future.ready(RetryAsync.twice(a));
  }

  @Async
  static Future<Integer> plusOne(int n) {
    return Future.ready(n + 1);
  }

  @Async
  static Future<Integer> nest(int n) {
    int state = await(plusOne(n));
    return Future.ready(state);
  }

  static int awaited(int x) {
    return x;
  }

  static int suspendOn(int x) {
    return x;
  }

  static int stepped(int x) {
    return x;
  }

  static int nests(int x) {
    return x;
  }

  static int nest2(int x) {
    return x;
  }

  /**
   * A variable named like a class that the generated code names: a statically imported method is
   * called through its class ({@code Math.max}), which the local {@code Math} would hide
   * (FINDINGS F19).
   */
  @Async
  static Future<Integer> variableNamedLikeAClass(Src s) {
    int Math = await(s.val(3));
    int m = max(Math, await(s.val(5)));
    return Future.ready(max(m, Math) + Math);
  }
}
