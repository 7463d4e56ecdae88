package dev.machina.samples.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LinksTest {
  @Test
  void keepsSameOriginLinksResolvedAndWithoutFragments() {
    URI page = URI.create("http://127.0.0.1:8080/docs/1");
    String html = "<a href=\"/\">h</a><a HREF='2#top'>n</a><a href=\"http://127.0.0.1:8080/x?q=1\">x</a>"
        + "<a href=\"http://127.0.0.1:9090/\">other port</a><a href=\"https://example.com/\">e</a>"
        + "<a href=\"mailto:a@b\">m</a><a href=\"/\">again</a><a href=\"bad uri\">b</a>";
    List<String> links = Links.sameOrigin(page, html).stream().map(URI::toString)
        .collect(Collectors.toList());
    assertEquals(List.of("http://127.0.0.1:8080/", "http://127.0.0.1:8080/docs/2",
        "http://127.0.0.1:8080/x?q=1"), links);
  }
}
