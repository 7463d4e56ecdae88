package dev.machina.samples.crawl;

import static dev.machina.samples.SampleServers.anyLoopbackPort;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.JoinHandle;
import dev.machina.Machina;
import dev.machina.samples.http.HttpServer;
import dev.machina.samples.http.HttpServerAsync;
import dev.machina.samples.http.Site;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrawlerTest {
  @Test
  void crawlsEveryPageOfTheHttpSampleOnce() throws Throwable {
    HttpServer server = HttpServer.bind(anyLoopbackPort());
    JoinHandle<Void> serving = Machina.spawn(HttpServerAsync.serve(server));
    try {
      URI root = URI.create("http://127.0.0.1:" + server.address().getPort() + "/");
      CrawlReport report = Machina.blockOn(
          CrawlerAsync.crawl(new Crawler(3, Duration.ofSeconds(20), 100), root));
      assertEquals(Site.PAGES, report.pages());
      assertEquals(Map.of(root.resolve("/missing"), "status 404"), report.failures());
    } finally {
      serving.cancel();
    }
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Throwable {
    try (ServerSocket mute = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(mute.accept()); // accept, never answer
          }
        } catch (Exception closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      URI root = URI.create("http://127.0.0.1:" + mute.getLocalPort() + "/");
      CrawlReport report = Machina.blockOn(
          CrawlerAsync.crawl(new Crawler(2, Duration.ofMillis(300), 10), root));
      assertEquals(0, report.pages());
      assertEquals(1, report.failures().size());
    }
  }
}
