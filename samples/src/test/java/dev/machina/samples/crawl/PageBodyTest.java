package dev.machina.samples.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PageBodyTest {
  /** A subscription that only records whether it was cancelled. */
  private static final class Recorded implements Flow.Subscription {
    boolean cancelled;

    @Override
    public void request(long n) {}

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private static ByteBuffer utf8(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void collectsTextUpToTheLimit() throws Exception {
    PageBody.Bounded body = new PageBody.Bounded(10);
    body.onSubscribe(new Recorded());
    body.onNext(List.of(utf8("héllo"), utf8(" wor")));
    body.onComplete();
    assertEquals("héllo wor", body.getBody().toCompletableFuture().get());
  }

  @Test
  void aLargerPageFailsAndStopsTheDownload() {
    PageBody.Bounded body = new PageBody.Bounded(10);
    Recorded subscription = new Recorded();
    body.onSubscribe(subscription);
    body.onNext(List.of(utf8("0123456789")));
    body.onNext(List.of(utf8("!")));
    body.onNext(List.of(utf8("more after cancel")));
    assertTrue(subscription.cancelled);
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> body.getBody().toCompletableFuture().get());
    assertInstanceOf(IOException.class, e.getCause());
  }
}
