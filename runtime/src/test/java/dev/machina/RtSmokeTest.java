package dev.machina;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RtSmokeTest {
  @Test
  void spawnAndJoinOnDefaultRuntime() {
    List<JoinHandle<Integer>> hs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      hs.add(Machina.spawn(Future.ready(i)));
    }
    List<Integer> all = Machina.blockOn(Futures.joinAll(hs));
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, all.get(i));
    }
  }

  @Test
  void aCheckedFailureIsCaughtByItsTypeAroundBlockOn() {
    IOException io = new IOException("disk");
    IOException caught = null;
    try {
      Machina.blockOn(Future.failed(io), IOException.class);
    } catch (IOException e) {
      caught = e;
    }
    assertSame(io, caught, "the original exception");
    try (MachinaRuntime rt = MachinaRuntime.builder().workerThreads(1).build()) {
      caught = null;
      try {
        rt.blockOn(Future.failed(io), IOException.class);
      } catch (IOException e) {
        caught = e;
      }
      assertSame(io, caught, "the original exception, on an explicit runtime");
      assertEquals(7, rt.blockOn(Future.ready(7)));
    }
  }
}
