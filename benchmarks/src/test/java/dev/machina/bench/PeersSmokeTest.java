package dev.machina.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.bench.kt.KotlinPeers;
import dev.machina.bench.peers.CfFib;
import dev.machina.bench.peers.SyncFib;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Checks that each peer computes what its benchmark claims, at sizes that take milliseconds. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PeersSmokeTest {
  @Test
  void fibPeersAgreeAndCallCountMatchesTheBenchmarkConstant() {
    assertEquals(6765, SyncFib.fib(20));
    assertEquals(6765, CfFib.fib(20).join());
    assertEquals(6765, KotlinPeers.fibBlocking(20));
    assertEquals(B1AwaitOverhead.CALLS, SyncFib.calls(B1AwaitOverhead.N));
  }

  @Test
  void kotlinPeersComplete() {
    assertEquals(500, KotlinPeers.spawnJoin(1000));
    assertEquals(1000L * 1001 / 2, KotlinPeers.pingPong(1000));
    assertEquals(10 + 5, KotlinPeers.nestBlocking(10, 5));
    assertEquals(50, KotlinPeers.timeoutChurn(100));
  }

  @Test
  void helloScannerCountsRequestsSplitAcrossReads() {
    byte[] two = "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    HelloResponse scanner = new HelloResponse();
    assertEquals(0, scanner.scan(two, 0, 25));
    assertEquals(1, scanner.scan(two, 25, 10));
    assertEquals(1, scanner.scan(two, 35, two.length - 35));
  }
}
