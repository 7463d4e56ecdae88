package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(120)
class RecursionTest {
  /** Runs {@code body} on a new thread with the JVM's default stack size and returns its result. */
  private static <T> T onDefaultStack(ThrowingSupplier<T> body) throws Throwable {
    AtomicReference<Object> out = new AtomicReference<>();
    AtomicReference<Throwable> err = new AtomicReference<>();
    Thread th =
        new Thread(
            () -> {
              try {
                out.set(body.get());
              } catch (Throwable e) {
                err.set(e);
              }
            },
            "default-stack");
    th.start();
    th.join();
    if (err.get() != null) {
      throw err.get();
    }
    @SuppressWarnings("unchecked")
    T t = (T) out.get();
    return t;
  }

  interface ThrowingSupplier<T> {
    T get() throws Throwable;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void recursiveCalls(Mode mode) throws Throwable {
    assertEquals(610, block(RecursionAsync.fib(new Src(mode), 15)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void recursionAMillionDeep(Mode mode) throws Throwable {
    assertEquals(1_000_000L, onDefaultStack(() -> block(RecursionAsync.depth(new Src(mode), 1_000_000))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void tailRecursionAMillionDeep(Mode mode) throws Throwable {
    assertEquals(0, onDefaultStack(() -> block(RecursionAsync.tailDepth(new Src(mode), 1_000_000))));
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"READY", "PENDING_SELF"})
  void aMillionAwaitsInConstantStack(Mode mode) throws Throwable {
    long n = 1_000_000;
    assertEquals(n * (n - 1) / 2, onDefaultStack(() -> block(RecursionAsync.manyAwaits(new Src(mode), (int) n))));
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = "PENDING_THREAD")
  void manyAwaitsWokenFromAnotherThread(Mode mode) throws Throwable {
    long n = 20_000;
    assertEquals(n * (n - 1) / 2, block(RecursionAsync.manyAwaits(new Src(mode), (int) n)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void failureTravelsUpADeepChain(Mode mode) {
    RuntimeException e = new IllegalStateException("bottom");
    assertSame(e, assertThrows(Throwable.class, () -> onDefaultStack(() -> block(RecursionAsync.failDeep(new Src(mode), 100_000, e)))));
  }
}
