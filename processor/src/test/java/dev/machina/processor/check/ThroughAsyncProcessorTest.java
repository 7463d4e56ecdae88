package dev.machina.processor.check;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.machina.processor.check.Sources.src;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.machina.processor.AsyncProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The diagnostics as a user's build sees them: through the real {@link AsyncProcessor}, with the
 * code generation of the valid methods going on around them.
 */
class ThroughAsyncProcessorTest {
  private static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(new AsyncProcessor())
        .withOptions("-Xlint:all,-processing")
        .compile(sources);
  }

  @Test
  void validCodeAndItsGeneratedFactoriesCompileWithoutWarnings() {
    JavaFileObject crawler = src("p.Crawler", """
        package p;
        import dev.machina.*;
        import static dev.machina.Await.await;
        public class Crawler {
          @Async public Future<Integer> crawl(String url, int depth) {
            if (depth == 0) return Future.ready(0);
            int n = 1 + await(crawl(url + "/a", depth - 1));
            return Future.ready(n);
          }
        }
        """);
    JavaFileObject user = src("p.Main", """
        package p;
        import dev.machina.Future;
        class Main {
          Future<Integer> start(Crawler c) { return CrawlerAsync.crawl(c, "u", 2); }
        }
        """);
    Compilation compilation = compile(crawler, user);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("p.CrawlerAsync");
  }

  @Test
  void misplacedAwaitsAreErrorsOnTheirLines() {
    JavaFileObject src = src("p.Misplaced", """
        package p;
        import dev.machina.*;
        import java.util.List;
        import static dev.machina.Await.await;
        class Misplaced {
          final Object lock = new Object();
          @Async Future<Void> lambda(List<Future<String>> fs) {
            fs.forEach(f -> System.out.println(await(f)));
            return Future.ready(null);
          }
          @Async Future<Integer> locked(Future<Integer> f) {
            synchronized (lock) {
              return Future.ready(await(f));
            }
          }
          int plain(Future<Integer> f) {
            return await(f);
          }
          @Async Future<Integer> fine(Future<Integer> f) { return Future.ready(await(f) + 1); }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining("cannot suspend inside a lambda")
        .inFile(src).onLineContaining("System.out.println(await(f))");
    assertThat(compilation).hadErrorContaining("cannot suspend inside a synchronized block")
        .inFile(src).onLineContaining("return Future.ready(await(f));");
    assertThat(compilation).hadErrorContaining("Misplaced.plain(Future<Integer>) is not @Async")
        .inFile(src).onLineContaining("return await(f);");
  }

  @Test
  void awaitInAFileWithoutAsyncMethodsIsFound() {
    JavaFileObject async = src("p.HasAsync", """
        package p;
        import dev.machina.*;
        class HasAsync {
          @Async Future<Integer> one() { return Future.ready(1); }
        }
        """);
    JavaFileObject plain = src("q.NoAsync", """
        package q;
        class NoAsync {
          static final int VALUE = dev.machina.Await.await(dev.machina.Future.ready(1));
        }
        """);
    Compilation compilation = compile(async, plain);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("in the initializer of field VALUE")
        .inFile(plain).onLineContaining("static final int VALUE");
  }

  @Test
  void invalidDeclarationsAreErrorsOnTheirLines() {
    JavaFileObject src = src("p.Decl", """
        package p;
        import dev.machina.*;
        abstract class Decl {
          @Async int count() { return 1; }
          @Async abstract Future<String> name();
          @Async Future<Integer> good() { return Future.ready(2); }
          Object local() {
            return new Object() {
              @Async Future<Integer> inside() { return Future.ready(3); }
            };
          }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining("not int. Declare it as returning Future<Integer>")
        .inFile(src).onLineContaining("@Async int count()");
    assertThat(compilation).hadErrorContaining("@Async cannot go on abstract method Decl.name()")
        .inFile(src).onLineContaining("abstract Future<String> name()");
    assertThat(compilation).hadErrorContaining("an anonymous class (inside)")
        .inFile(src).onLineContaining("Future<Integer> inside()");
  }

  @Test
  void wildcardClashOfFutureIsExplained() {
    JavaFileObject src = src("p.Clash", """
        package p;
        import dev.machina.*;
        import java.util.concurrent.*;
        class Clash {
          @Async Future<String> fetch() { return null; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("The return type Future of @Async method fetch is ambiguous")
        .inFile(src).onLineContaining("@Async Future<String> fetch()");
  }

  @Test
  void directCallsWarnButGeneratedCodeDoesNot() {
    JavaFileObject crawler = src("p.Crawler", """
        package p;
        import dev.machina.*;
        import static dev.machina.Await.await;
        public class Crawler {
          @Async public Future<Integer> crawl(String url, int depth) {
            if (depth == 0) return Future.ready(0);
            return Future.ready(1 + await(crawl(url, depth - 1)));
          }
          Object wrong() { return crawl("x", 1); }
        }
        """);
    Compilation compilation = compile(crawler);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation).hadWarningContaining("Call CrawlerAsync.crawl(this, \"x\", 1) to get the state machine")
        .inFile(crawler).onLineContaining("return crawl(\"x\", 1);");
  }
}
