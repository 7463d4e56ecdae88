package dev.machina.samples;

import dev.machina.Machina;
import dev.machina.samples.chat.ChatServer;
import dev.machina.samples.chat.ChatServerAsync;
import dev.machina.samples.crawl.CrawlReport;
import dev.machina.samples.crawl.Crawler;
import dev.machina.samples.crawl.CrawlerAsync;
import dev.machina.samples.echo.EchoServer;
import dev.machina.samples.echo.EchoServerAsync;
import dev.machina.samples.http.HttpServer;
import dev.machina.samples.http.HttpServerAsync;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

/**
 * Entry point of {@code machina-samples.jar}: without arguments, the demo (serve the sample site,
 * crawl it, report); otherwise one sample by name.
 */
public final class Main {
  private static final String USAGE = String.join("\n",
      "usage: java -jar machina-samples.jar [COMMAND]",
      "  (no command)  demo: serve the sample site on a free loopback port and crawl it",
      "  http PORT     HTTP/1.1 server (keep-alive) on 127.0.0.1:PORT until stopped",
      "  echo PORT     TCP echo server on 127.0.0.1:PORT",
      "  crawl URL     crawl the pages of URL's host reachable from URL",
      "  chat PORT     line-based chat room on 127.0.0.1:PORT (try: nc 127.0.0.1 PORT)",
      "Servers bind to loopback; set -Dmachina.samples.bind=0.0.0.0 to listen on every interface.");

  private Main() {}

  /** Runs the demo or the sample named by {@code args[0]}. */
  public static void main(String[] args) throws Throwable {
    PrintStream out = System.out;
    if (args.length == 0) {
      demo(out);
      return;
    }
    if (args.length != 2) {
      fail(USAGE);
    }
    switch (args[0]) {
      case "http": {
        HttpServer server = HttpServer.bind(bindAddress(args[1]));
        out.println("HTTP sample listening on http://" + hostPort(server.address()) + "/ (Ctrl-C stops)");
        Machina.blockOn(HttpServerAsync.serve(server));
        break;
      }
      case "echo": {
        EchoServer server = EchoServer.bind(bindAddress(args[1]));
        out.println("echo sample listening on " + hostPort(server.address()) + " (Ctrl-C stops)");
        Machina.blockOn(EchoServerAsync.serve(server));
        break;
      }
      case "chat": {
        ChatServer server = ChatServer.bind(bindAddress(args[1]));
        out.println("chat sample listening on " + hostPort(server.address()) + " (Ctrl-C stops)");
        Machina.blockOn(ChatServerAsync.serve(server));
        break;
      }
      case "crawl": {
        Crawler crawler = new Crawler(8, Duration.ofSeconds(10), 500);
        CrawlReport report = Machina.blockOn(CrawlerAsync.crawl(crawler, crawlTarget(args[1])));
        out.println(report.summary());
        break;
      }
      default:
        fail(USAGE);
    }
  }

  private static void demo(PrintStream out) throws Throwable {
    HttpServer server = HttpServer.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    URI site = URI.create("http://" + hostPort(server.address()) + "/");
    var serving = Machina.spawn(HttpServerAsync.serve(server));
    try {
      out.println("Machina demo: the HTTP sample serves " + site);
      Crawler crawler = new Crawler(4, Duration.ofSeconds(5), 100);
      CrawlReport report = Machina.blockOn(CrawlerAsync.crawl(crawler, site));
      out.println("the crawler sample " + report.summary());
      out.println("Both are @Async code; the state machines javac generated from them are in");
      out.println("  samples/target/generated-sources/annotations/dev/machina/samples/");
      out.println("  http/HttpServerAsync.java, crawl/CrawlerAsync.java, echo/EchoServerAsync.java,");
      out.println("  chat/ChatServerAsync.java, chat/ChatRoomAsync.java (after mvn package)");
      out.println("Run one sample alone: java -jar samples/target/machina-samples.jar http 8080"
          + " | echo 9000 | chat 9001 | crawl URL");
    } finally {
      serving.cancel();
    }
  }

  private static URI crawlTarget(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getHost() != null
          && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
        return uri;
      }
    } catch (java.net.URISyntaxException malformed) {
      // reported below
    }
    fail("not an http(s) URL: " + url + "\n" + USAGE);
    throw new AssertionError("unreachable");
  }

  private static InetSocketAddress bindAddress(String port) {
    String host = System.getProperty("machina.samples.bind");
    InetSocketAddress address;
    try {
      int p = Integer.parseInt(port);
      address = host == null
          ? new InetSocketAddress(InetAddress.getLoopbackAddress(), p)
          : new InetSocketAddress(host, p);
    } catch (IllegalArgumentException bad) {
      fail("not a port: " + port + "\n" + USAGE);
      throw bad;
    }
    return address;
  }

  private static String hostPort(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  private static void fail(String message) {
    System.err.println(message);
    System.exit(2);
  }
}
