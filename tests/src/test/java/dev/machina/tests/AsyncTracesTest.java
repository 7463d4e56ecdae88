package dev.machina.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Machina;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stack trace of a failure awaited from another task names both machines: the one that threw,
 * and below a marker frame, the one that awaited its task's handle, down to the caller of blockOn.
 */
@Timeout(20)
class AsyncTracesTest {
  @Test
  void aFailureAwaitedThroughAHandleShowsTheThrowerAndTheAwaiter() {
    assertEquals(1 + 2 + 3, Machina.blockOn(AsyncTracesAsync.loadAll(3)));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> Machina.blockOn(AsyncTracesAsync.loadAll(5)));
    assertEquals("no record 3", e.getMessage());
    List<String> frames =
        Arrays.stream(e.getStackTrace())
            .map(f -> f.getClassName() + "." + f.getMethodName())
            .toList();
    int thrower = frames.indexOf("dev.machina.tests.AsyncTracesAsync$Load.step");
    int marker = frames.indexOf("machina.async.await");
    int awaiter = frames.indexOf("dev.machina.tests.AsyncTracesAsync$LoadAll.step");
    int caller = frames.indexOf("dev.machina.Machina.blockOn");
    assertTrue(
        thrower == 0 && thrower < marker && marker < awaiter && awaiter < caller,
        String.join("\n", frames));
  }
}
