package dev.machina.samples.crawl;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * What a crawl found: the pages fetched with status 200, and for every other URL visited the
 * status code or the failure that stopped it.
 */
public record CrawlReport(int pages, Map<URI, String> failures, Duration elapsed) {

  /** One line for people: pages, failures and time. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append("crawled ").append(pages).append(pages == 1 ? " page" : " pages");
    sb.append(" in ").append(elapsed.toMillis()).append(" ms");
    if (!failures.isEmpty()) {
      sb.append("; not fetched:");
      failures.forEach((uri, why) -> sb.append(' ').append(uri.getRawPath()).append(" (").append(why).append(')'));
    }
    return sb.toString();
  }
}
