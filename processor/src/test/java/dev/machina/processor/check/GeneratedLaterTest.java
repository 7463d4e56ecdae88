package dev.machina.processor.check;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.machina.processor.check.Sources.src;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.machina.processor.AsyncProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The whole-unit checks resolve symbols in user code that uses the generated factories, which do
 * not exist in the first round; that code must still compile, and a user's own error must come
 * out alone.
 */
class GeneratedLaterTest {
  private static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(new AsyncProcessor())
        .withOptions("-Xlint:all,-processing")
        .compile(sources);
  }

  private static final JavaFileObject CRAWLER = src("p.Crawler", """
      package p;
      import dev.machina.*;
      import static dev.machina.Await.await;
      public class Crawler {
        @Async public Future<Integer> crawl(String url) { return Future.ready(url.length()); }
        @Async Future<Integer> twice(String url) {
          int a = await(crawl(url));
          return Future.ready(a + await(crawl(url)));
        }
      }
      """);

  @Test
  void usesOfTheFactoryInLambdasCompile() {
    JavaFileObject user = src("p.User", """
        package p;
        import dev.machina.Future;
        import java.util.List;
        import java.util.function.Function;
        import java.util.stream.Collectors;
        class User {
          List<Future<Integer>> all(Crawler c, List<String> urls) {
            Function<String, Future<Integer>> f = url -> CrawlerAsync.crawl(c, url);
            return urls.stream().map(f).collect(Collectors.toList());
          }
          Runnable later(Crawler c) {
            return () -> CrawlerAsync.twice(c, "x");
          }
        }
        """);
    assertThat(compile(CRAWLER, user)).succeededWithoutWarnings();
  }

  @Test
  void anUnrelatedErrorIsReportedOnceWithoutMissingFactoryNoise() {
    JavaFileObject user = src("p.User", """
        package p;
        class User {
          int broken = "not an int";
          Object run(Crawler c) { c.crawl("x"); return CrawlerAsync.crawl(c, "y"); }
        }
        """);
    Compilation compilation = compile(CRAWLER, user);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("incompatible types")
        .inFile(user).onLineContaining("int broken");
  }
}
