package dev.machina.processor.check;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.machina.processor.check.Sources.src;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The checks resolve symbols in round one, before the generated classes exist; code that uses a
 * generated factory must still compile once it is generated in that round.
 */
class GeneratedLaterTest {
  /** Writes {@code p.CrawlerAsync} in the first round, as the real processor does. */
  static final class WritesFactory extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written) {
        written = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("p.CrawlerAsync").openWriter()) {
          w.write("""
              package p;
              @javax.annotation.processing.Generated("dev.machina.processor.AsyncProcessor")
              public final class CrawlerAsync {
                public static dev.machina.Future<Integer> crawl(Crawler self, String url) {
                  return self.crawl(url);
                }
              }
              """);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void usesOfTheFactoryCompileAfterTheChecksAttributedThem() {
    JavaFileObject crawler = src("p.Crawler", """
        package p;
        import dev.machina.*;
        import static dev.machina.Await.await;
        public class Crawler {
          @Async public Future<Integer> crawl(String url) { return Future.ready(url.length()); }
          @Async Future<Integer> twice(String url) {
            int a = await(CrawlerAsync.crawl(this, url));
            return Future.ready(a + await(crawl(url)));
          }
          int blocking(String url) {
            Future<Integer> f = CrawlerAsync.crawl(this, url);
            return f == null ? 0 : 1;
          }
        }
        """);
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new CheckingProcessor(), new WritesFactory())
            .withOptions("-Xlint:-processing")
            .compile(crawler);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void anUnrelatedErrorIsReportedOnceWithoutMissingFactoryNoise() {
    JavaFileObject crawler = src("p.Crawler", """
        package p;
        import dev.machina.*;
        public class Crawler {
          @Async public Future<Integer> crawl(String url) { return Future.ready(url.length()); }
        }
        """);
    JavaFileObject user = src("p.User", """
        package p;
        class User {
          int broken = "not an int";
          Object run(Crawler c) { c.crawl("x"); return CrawlerAsync.crawl(c, "y"); }
        }
        """);
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new CheckingProcessor(), new WritesFactory())
            .withOptions("-Xlint:-processing")
            .compile(crawler, user);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("incompatible types")
        .inFile(user).onLineContaining("int broken");
    assertThat(compilation).hadWarningContaining("Call CrawlerAsync.crawl(c, \"x\")")
        .inFile(user).onLineContaining("c.crawl(\"x\")");
  }
}
