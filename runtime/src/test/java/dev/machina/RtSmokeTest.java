package dev.machina;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
