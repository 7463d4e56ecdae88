package dev.machina.processor.check;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.machina.processor.check.Sources.check;
import static dev.machina.processor.check.Sources.src;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class DirectCallTest {
  private static final JavaFileObject CRAWLER = src("p.Crawler", """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      public class Crawler {
        @Async public Future<Integer> crawl(String url, int depth) {
          if (depth == 0) return Future.ready(0);
          int n = 1 + await(crawl(url + "/a", depth - 1));
          return Future.ready(n);
        }
        @Async public static Future<String> fetch(String url) { return Future.ready(url); }
        public static class Inner {
          @Async public Future<Void> ping() { return Future.ready(null); }
        }
        int sync() {
          crawl("self", 1);
          return 0;
        }
      }
      """);

  @Test
  void directCallsOutsideBodiesWarnWithTheGeneratedCall() {
    JavaFileObject user = src("p.User", """
        package p;
        class User {
          void run(Crawler crawler, String url) {
            crawler.crawl(url, 2);
            Crawler.fetch("http://x");
            new Crawler.Inner().ping();
          }
        }
        """);
    Compilation compilation = check(CRAWLER, user);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(4);
    assertThat(compilation)
        .hadWarningContaining("Crawler.crawl(String, int) is @Async: calling it directly runs the original body")
        .inFile(user).onLineContaining("crawler.crawl(url, 2)");
    assertThat(compilation)
        .hadWarningContaining("Call CrawlerAsync.crawl(crawler, url, 2) to get the state machine")
        .inFile(user).onLineContaining("crawler.crawl(url, 2)");
    assertThat(compilation).hadWarningContaining("Call CrawlerAsync.fetch(\"http://x\")")
        .inFile(user).onLineContaining("Crawler.fetch(\"http://x\")");
    assertThat(compilation).hadWarningContaining("Call Crawler_InnerAsync.ping(new Crawler.Inner())")
        .inFile(user).onLineContaining("new Crawler.Inner().ping()");
    assertThat(compilation).hadWarningContaining("Call CrawlerAsync.crawl(this, \"self\", 1)")
        .inFile(CRAWLER).onLineContaining("crawl(\"self\", 1);");
  }

  @Test
  void callsFromAnotherPackageNameTheQualifiedFactory() {
    JavaFileObject user = src("q.Main", """
        package q;
        import p.Crawler;
        class Main {
          Object ref = (java.util.function.Function<String, ?>) Crawler::fetch;
          void run() { Crawler.fetch("u"); }
        }
        """);
    Compilation compilation = check(CRAWLER, user);
    assertThat(compilation).hadWarningContaining("Call p.CrawlerAsync.fetch(\"u\")")
        .inFile(user).onLineContaining("Crawler.fetch(\"u\")");
    assertThat(compilation).hadWarningContaining("Refer to the generated factory p.CrawlerAsync::fetch instead")
        .inFile(user).onLineContaining("Crawler::fetch");
  }

  @Test
  void callsInsideAsyncBodiesAndGeneratedCodeDoNotWarn() {
    JavaFileObject generated = src("p.CrawlerAsync", """
        package p;
        @javax.annotation.processing.Generated("dev.machina.processor.AsyncProcessor")
        public final class CrawlerAsync {
          static Object original(Crawler c) { return c.crawl("u", 1); }
        }
        """);
    JavaFileObject caller = src("p.Caller", """
        package p;
        import dev.machina.*;
        class Caller {
          @Async Future<Integer> both(Crawler c) {
            Runnable later = () -> Crawler.fetch("inside a lambda of a body");
            later.run();
            return c.crawl("u", 1);
          }
        }
        """);
    Compilation compilation = check(CRAWLER, generated, caller);
    assertThat(compilation).succeeded();
    // The only direct call outside a body is Crawler.sync's.
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("CrawlerAsync.crawl(this, \"self\", 1)");
  }

  @Test
  void suppressWarningsMachinaSilencesTheWarning() {
    JavaFileObject user = src("p.Deliberate", """
        package p;
        class Deliberate {
          @SuppressWarnings("machina")
          void original(Crawler c) { c.crawl("x", 1); }
          @SuppressWarnings({"unchecked", "machina"})
          static class All {
            Object f = Crawler.fetch("y");
          }
          void warned(Crawler c) { c.crawl("z", 1); }
        }
        """);
    Compilation compilation = check(CRAWLER, user);
    assertThat(compilation).hadWarningCount(2); // Crawler.sync's and warned's
    assertThat(compilation).hadWarningContaining("CrawlerAsync.crawl(c, \"z\", 1)")
        .inFile(user).onLineContaining("void warned");
    assertThat(compilation).hadWarningContaining("add @SuppressWarnings(\"machina\")");
  }

  @Test
  void superAndOuterReceiversAreSpelledAsTheFactoryNeedsThem() {
    JavaFileObject user = src("p.Sub", """
        package p;
        class Sub extends Crawler {
          Object viaSuper() { return super.crawl("s", 1); }
          class Helper {
            Object viaOuter() { return crawl("o", 1); }
          }
        }
        """);
    Compilation compilation = check(CRAWLER, user);
    assertThat(compilation).hadWarningContaining("Call CrawlerAsync.crawl(this, \"s\", 1)")
        .inFile(user).onLineContaining("super.crawl(\"s\", 1)");
    assertThat(compilation).hadWarningContaining("Call CrawlerAsync.crawl(Sub.this, \"o\", 1)")
        .inFile(user).onLineContaining("crawl(\"o\", 1)");
  }
}
