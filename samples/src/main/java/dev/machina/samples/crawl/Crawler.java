package dev.machina.samples.crawl;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.sync.Semaphore;
import dev.machina.time.Time;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The crawler sample: fetches a page, then the pages it links to on the same host, level by level,
 * each page in its own task; a {@link Semaphore} bounds how many requests are in flight and every
 * request has a timeout; only HTML pages up to {@link #MAX_PAGE_BYTES} are read. The JDK's
 * {@link HttpClient} does the HTTP; its CompletableFutures are awaited directly.
 */
public final class Crawler {
  /** Largest page read; a larger one counts as a failure. */
  public static final int MAX_PAGE_BYTES = 1 << 20;

  private final HttpClient http = HttpClient.newHttpClient();
  private final PageBody pageBody = new PageBody(MAX_PAGE_BYTES);
  private final Semaphore inFlight;
  private final Duration requestTimeout;
  private final int maxPages;

  /**
   * A crawler with at most {@code concurrency} requests at once, each given up after
   * {@code requestTimeout}, visiting at most {@code maxPages} URLs.
   */
  public Crawler(int concurrency, Duration requestTimeout, int maxPages) {
    this.inFlight = new Semaphore(concurrency);
    this.requestTimeout = requestTimeout;
    this.maxPages = maxPages;
  }

  /** Crawls from {@code start} and reports what it found. */
  @Async
  public Future<CrawlReport> crawl(URI start) {
    long began = System.nanoTime();
    URI first = Links.withoutFragment(start);
    Set<URI> seen = new HashSet<>(List.of(first));
    List<URI> level = List.of(first);
    int pages = 0;
    Map<URI, String> failures = new LinkedHashMap<>();
    while (!level.isEmpty()) {
      List<JoinHandle<Page>> fetches = new ArrayList<>();
      for (URI uri : level) {
        fetches.add(Machina.spawn(fetch(uri)));
      }
      List<URI> next = new ArrayList<>();
      for (JoinHandle<Page> fetch : fetches) {
        Page page = await(fetch);
        if (page.problem() != null) {
          failures.put(page.uri(), page.problem());
          continue;
        }
        pages++;
        for (URI link : page.links()) {
          if (seen.size() < maxPages && seen.add(link)) {
            next.add(link);
          }
        }
      }
      level = next;
    }
    return Future.ready(new CrawlReport(pages, failures, Duration.ofNanos(System.nanoTime() - began)));
  }

  /** Fetches one page once a request slot is free; never fails, a problem is part of the page. */
  @Async
  Future<Page> fetch(URI uri) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
    CompletableFuture<HttpResponse<String>> exchange = null;
    Semaphore.Permit slot = await(inFlight.acquire());
    try (slot) {
      exchange = http.sendAsync(request, pageBody);
      HttpResponse<String> response = await(Time.timeout(Future.from(exchange), requestTimeout));
      if (response.statusCode() != 200) {
        return Future.ready(new Page(uri, Set.of(), "status " + response.statusCode()));
      }
      return Future.ready(new Page(uri, Links.sameOrigin(uri, response.body()), null));
    } catch (CancellationException cancelled) {
      throw cancelled;
    } catch (Exception failed) { // TimeoutException, or the client's IOException
      if (exchange != null) {
        exchange.cancel(true);
      }
      String problem = failed instanceof TimeoutException ? "timed out" : failed.toString();
      return Future.ready(new Page(uri, Set.of(), problem));
    }
  }

  /** A fetched page and its same-host links, or the problem that stopped the fetch. */
  record Page(URI uri, Set<URI> links, String problem) {}
}
