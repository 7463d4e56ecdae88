package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.machina.Future;
import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class LazinessTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void factoryRunsNoneOfTheBody(Mode mode) throws Throwable {
    Trace t = new Trace();
    Future<Integer> f = LazinessAsync.lazy(new Src(mode), t);
    assertEquals(List.of(), t.events());
    assertEquals(1, block(f));
    assertEquals(List.of("body started"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void returnOfAFutureIsATailAwait(Mode mode) throws Throwable {
    Trace t = new Trace();
    assertEquals(42, block(LazinessAsync.tail(new Src(mode), t, 3)));
    assertEquals(List.of("tail 3", "tail 2", "tail 1", "tail 0"), t.events());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> block(LazinessAsync.tail(new Src(mode), new Trace(), -1)));
    assertEquals("negative", e.getMessage());
  }

  @Test
  void awaitCompletionStages() throws Throwable {
    assertEquals("x5", block(LazinessAsync.stages(CompletableFuture.completedFuture("x"), CompletableFuture.completedFuture(5))));
    CompletableFuture<Integer> later = new CompletableFuture<>();
    Src.later(() -> later.complete(7));
    assertEquals("y7", block(LazinessAsync.stages(CompletableFuture.supplyAsync(() -> "y"), later)));
    IOException io = new IOException("stage failed");
    assertSame(
        io,
        assertThrows(IOException.class, () -> block(LazinessAsync.stages(CompletableFuture.completedFuture("z"), CompletableFuture.failedFuture(io)))));
    CompletableFuture<Integer> failsLater = new CompletableFuture<>();
    Src.later(() -> failsLater.completeExceptionally(io));
    assertSame(io, assertThrows(IOException.class, () -> block(LazinessAsync.stages(CompletableFuture.completedFuture("z"), failsLater))));
  }
}
