package dev.machina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.internal.AsyncStackTraces;
import dev.machina.sync.Oneshot;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A failure that crosses from one task or thread to another keeps its own frames and gains the
 * awaiter's, after a marker frame; it stays the same object, and its trace stays bounded.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncStackTracesTest {
  /** A leaf that fails in a frame of its own class. */
  private static final class Thrower implements Future<Integer> {
    RuntimeException thrown;

    @Override
    public Object poll(Context cx) {
      thrown = new IllegalStateException("boom");
      throw thrown;
    }
  }

  /** A future that awaits another, as a machine would, in a frame of its own class. */
  private static final class Awaiter<T> implements Future<T> {
    private final Future<T> inner;

    Awaiter(Future<T> inner) {
      this.inner = inner;
    }

    @Override
    public Object poll(Context cx) throws Throwable {
      return inner.poll(cx);
    }
  }

  @Test
  void aTaskFailureAwaitedFromAnotherTaskShowsTheAwaiterBelowAMarker() {
    Thrower thrower = new Thrower();
    JoinHandle<Integer> failing = Machina.spawn(thrower);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Machina.blockOn(new Awaiter<>(failing)));
    assertSame(thrower.thrown, e);
    List<String> classes = classes(e);
    int marker = classes.indexOf(AsyncStackTraces.MARKER_CLASS);
    assertTrue(classes.indexOf(Thrower.class.getName()) == 0, classes.toString());
    assertTrue(marker > classes.indexOf(Thrower.class.getName()), classes.toString());
    assertTrue(classes.indexOf(Awaiter.class.getName()) > marker, classes.toString());
    assertTrue(
        classes.lastIndexOf(AsyncStackTracesTest.class.getName()) > marker, classes.toString());
    assertEquals(1, markers(e));
  }

  @Test
  void aBlockingCallsFailureShowsTheCallAndWhereItWasAwaited() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Machina.blockOn(
                    Machina.spawnBlocking(AsyncStackTracesTest::failOnAPoolThread),
                    IOException.class));
    String trace = Arrays.toString(e.getStackTrace());
    int call = trace.indexOf("failOnAPoolThread");
    int marker = trace.indexOf(AsyncStackTraces.MARKER_CLASS);
    int awaiter = trace.indexOf("aBlockingCallsFailureShowsTheCallAndWhereItWasAwaited");
    assertTrue(call >= 0 && call < marker && marker < awaiter, trace);
  }

  private static Integer failOnAPoolThread() throws IOException {
    throw new IOException("disk");
  }

  @Test
  void aStageFailedOnAnotherThreadShowsWhereItWasAwaited() {
    CompletableFuture<Integer> cf =
        CompletableFuture.supplyAsync(
            () -> {
              throw new IllegalArgumentException("bad");
            });
    cf.exceptionally(t -> 0).join();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Machina.blockOn(Future.from(cf)));
    List<String> classes = classes(e);
    assertEquals(1, markers(e));
    assertTrue(
        classes.lastIndexOf(AsyncStackTracesTest.class.getName())
            > classes.indexOf(AsyncStackTraces.MARKER_CLASS),
        classes.toString());
  }

  @Test
  void theFailureKeepsItsIdentityAndItsSuppressedExceptions() {
    Oneshot<Integer> oneshot = Oneshot.create();
    IOException sent = new IOException("sent");
    sent.addSuppressed(new IllegalStateException("while closing"));
    oneshot.sender().fail(sent);
    IOException e =
        assertThrows(
            IOException.class, () -> Machina.blockOn(oneshot.receiver(), IOException.class));
    assertSame(sent, e);
    assertEquals(1, e.getSuppressed().length);
    assertEquals(1, markers(e));
  }

  @Test
  void aFailureAwaitedAgainAndAgainStaysBounded() {
    CompletableFuture<Integer> cf =
        CompletableFuture.failedFuture(new IllegalStateException("once"));
    for (int i = 0; i < 20; i++) {
      assertThrows(IllegalStateException.class, () -> Machina.blockOn(Future.from(cf)));
    }
    Throwable e = cf.handle((v, t) -> t).join();
    assertEquals(8, markers(e));
  }

  @Test
  void aFailureWithoutAStackTraceIsLeftWithout() {
    Exception bare = new Exception("no trace", null, false, false) {};
    JoinHandle<Object> h = Machina.spawn(Future.failed(bare));
    Exception e = assertThrows(Exception.class, () -> Machina.blockOn(h));
    assertSame(bare, e);
    assertEquals(0, e.getStackTrace().length);
  }

  @Test
  void thePropertyTurnsItOff() {
    System.setProperty("machina.asyncStackTraces", "false");
    try {
      JoinHandle<Integer> h = Machina.spawn(new Thrower());
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> Machina.blockOn(h));
      assertEquals(0, markers(e));
    } finally {
      System.clearProperty("machina.asyncStackTraces");
    }
  }

  private static List<String> classes(Throwable e) {
    return Arrays.stream(e.getStackTrace()).map(StackTraceElement::getClassName).toList();
  }

  private static long markers(Throwable e) {
    return classes(e).stream().filter(AsyncStackTraces.MARKER_CLASS::equals).count();
  }
}
