package dev.machina.samples.crawl;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * How the crawler reads response bodies: HTML pages as text up to a size limit (a larger page
 * fails with an IOException and the download stops), anything else discarded unread, so no page
 * can make the crawler's memory grow without bound.
 */
final class PageBody implements HttpResponse.BodyHandler<String> {
  private final int maxBytes;

  PageBody(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
    String type = info.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
    if (!type.startsWith("text/html")) {
      return BodySubscribers.replacing("");
    }
    return new Bounded(maxBytes);
  }

  /** Collects at most {@code maxBytes} of UTF-8 text; cancels the download beyond that. */
  static final class Bounded implements BodySubscriber<String> {
    private final int maxBytes;
    private final CompletableFuture<String> text = new CompletableFuture<>();
    private byte[] bytes = new byte[1024];
    private int size;
    private Flow.Subscription subscription;

    Bounded(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    @Override
    public CompletionStage<String> getBody() {
      return text;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (text.isDone()) {
          return;
        }
        if (b.remaining() > maxBytes - size) {
          subscription.cancel();
          text.completeExceptionally(new IOException("page larger than " + maxBytes + " bytes"));
          return;
        }
        if (size + b.remaining() > bytes.length) {
          bytes = Arrays.copyOf(bytes, Math.min(maxBytes, Math.max(2 * bytes.length, size + b.remaining())));
        }
        int n = b.remaining();
        b.get(bytes, size, n);
        size += n;
      }
    }

    @Override
    public void onError(Throwable error) {
      text.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      text.complete(new String(bytes, 0, size, StandardCharsets.UTF_8));
    }
  }
}
