package dev.machina.processor.check;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.machina.processor.check.Sources.check;
import static dev.machina.processor.check.Sources.src;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class DeclarationRulesTest {
  @Test
  void validShapesPass() {
    JavaFileObject src = src("p.Shapes", """
        package p;
        import dev.machina.Async;
        import dev.machina.Future;
        import static dev.machina.Await.await;
        class Shapes {
          @Async static <T> Future<T> generic(Future<T> f) { return Future.ready(await(f)); }
          @Async Future<Void> instance() { return Future.ready(null); }
          interface Api {
            @Async default Future<String> name(Future<String> f) { return Future.ready(await(f)); }
            @Async static Future<Integer> one() { return Future.ready(1); }
          }
          record Point(int x) {
            @Async Future<Integer> twice(Future<Integer> f) { return Future.ready(await(f) * x); }
          }
          enum Mode {
            A;
            @Async Future<String> label() { return Future.ready(name()); }
          }
        }
        """);
    CheckingProcessor processor = new CheckingProcessor();
    assertThat(check(processor, src)).succeededWithoutWarnings();
    assertEquals(
        Map.of("Shapes.generic", true, "Shapes.instance", true, "Api.name", true, "Api.one", true,
            "Point.twice", true, "Mode.label", true),
        processor.valid);
  }

  @Test
  void returnTypeMustBeMachinaFuture() {
    JavaFileObject src = src("p.Returns", """
        package p;
        import dev.machina.Async;
        class Returns {
          @Async int count() { return 1; }
          @Async void fire() {}
          @Async String name() { return "x"; }
          @Async Good good() { return null; }
          static class Good {}
        }
        """);
    CheckingProcessor processor = new CheckingProcessor();
    Compilation compilation = check(processor, src);
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadErrorContaining(
            "@Async method Returns.count() must return dev.machina.Future<T>, not int."
                + " Declare it as returning Future<Integer>")
        .inFile(src).onLineContaining("@Async int count()");
    assertThat(compilation).hadErrorContaining("returning Future<Void>")
        .inFile(src).onLineContaining("@Async void fire()");
    assertThat(compilation).hadErrorContaining("return Future.ready(null) at its end");
    assertThat(compilation).hadErrorContaining("not String. Declare it as returning Future<String>")
        .inFile(src).onLineContaining("@Async String name()");
    assertThat(compilation).hadErrorContaining("not Good. Declare it as returning Future<Good>")
        .inFile(src).onLineContaining("@Async Good good()");
    assertEquals(Boolean.FALSE, processor.valid.get("Returns.count"));
  }

  @Test
  void jdkFuturesGetTheirOwnMessage() {
    JavaFileObject src = src("p.Jdk", """
        package p;
        import dev.machina.Async;
        import java.util.concurrent.CompletableFuture;
        import java.util.concurrent.Future;
        class Jdk {
          @Async Future<String> legacy() { return null; }
          @Async CompletableFuture<String> modern() { return null; }
        }
        """);
    Compilation compilation = check(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("returns java.util.concurrent.Future<java.lang.String>, which is not Machina's future")
        .inFile(src).onLineContaining("Future<String> legacy()");
    assertThat(compilation).hadErrorContaining("Import dev.machina.Future by name");
    assertThat(compilation)
        .hadErrorContaining("returns java.util.concurrent.CompletableFuture<java.lang.String>")
        .inFile(src).onLineContaining("CompletableFuture<String> modern()");
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
    Compilation compilation = check(src);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("The return type Future of @Async method fetch is ambiguous")
        .inFile(src).onLineContaining("@Async Future<String> fetch()");
    assertThat(compilation).hadErrorContaining("add `import dev.machina.Future;`");
  }

  @Test
  void abstractAndNativeMethodsHaveNoBody() {
    JavaFileObject src = src("p.NoBody", """
        package p;
        import dev.machina.Async;
        import dev.machina.Future;
        abstract class NoBody {
          @Async abstract Future<String> fetch();
          @Async native Future<String> nat();
          interface Service {
            @Async Future<Integer> call();
          }
        }
        """);
    CheckingProcessor processor = new CheckingProcessor();
    Compilation compilation = check(processor, src);
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining("@Async cannot go on abstract method NoBody.fetch()")
        .inFile(src).onLineContaining("abstract Future<String> fetch()");
    assertThat(compilation).hadErrorContaining("put @Async on the implementations");
    assertThat(compilation).hadErrorContaining("@Async cannot go on native method NoBody.nat()")
        .inFile(src).onLineContaining("native Future<String> nat()");
    assertThat(compilation).hadErrorContaining("@Async cannot go on abstract method Service.call()")
        .inFile(src).onLineContaining("@Async Future<Integer> call()");
    assertEquals(Map.of("NoBody.fetch", false, "NoBody.nat", false, "Service.call", false), processor.valid);
  }

  @Test
  void everyFormOfSuperPassesTheChecks() {
    JavaFileObject src = src("p.Child", """
        package p;
        import dev.machina.*;
        import java.util.function.Supplier;
        interface Named { default String name() { return "n"; } }
        class Base {
          String name() { return "base"; }
          int size;
        }
        class Child extends Base implements Named {
          @Override public String name() { return "child"; }
          @Async Future<String> describe() {
            String a = Child.super.name() + Named.super.name();
            int b = super.size + super.name().length();
            Supplier<String> s = super::name;
            Supplier<String> n = Named.super::name;
            Object o = new Object() {
              @Override public String toString() { return super.toString(); }
            };
            return Future.ready(a + b + s.get() + n.get() + o);
          }
        }
        """);
    CheckingProcessor processor = new CheckingProcessor();
    Compilation compilation = check(processor, src);
    // the lowering writes them all: handles from findSpecial, m$super entries, lambdas
    assertThat(compilation).hadErrorCount(0);
    assertEquals(Boolean.TRUE, processor.valid.get("Child.describe"));
  }

  @Test
  void localAndAnonymousClassesCannotHoldAsyncMethods() {
    JavaFileObject src = src("p.Holder", """
        package p;
        import dev.machina.*;
        class Holder {
          Object make() {
            class Local {
              @Async Future<Integer> local() { return Future.ready(1); }
            }
            return new Object() {
              @Async Future<Integer> anonymous() { return Future.ready(2); }
            };
          }
        }
        """);
    Compilation compilation = check(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("@Async is not supported on a method of a local class (local)")
        .inFile(src).onLineContaining("Future<Integer> local()");
    assertThat(compilation).hadErrorContaining("an anonymous class (anonymous)")
        .inFile(src).onLineContaining("Future<Integer> anonymous()");
    assertThat(compilation).hadErrorContaining("Move the method into a named top-level, member or nested class");
  }

  @Test
  void futureSubtypesAndSynchronizedMethodsAreRefused() {
    JavaFileObject src = src("p.Odd", """
        package p;
        import dev.machina.*;
        class Odd {
          interface Named<N> extends Future<N> {}
          @Async Named<String> named() { return null; }
          @Async synchronized Future<Integer> locked() { return Future.ready(1); }
        }
        """);
    CheckingProcessor processor = new CheckingProcessor();
    Compilation compilation = check(processor, src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("must return exactly dev.machina.Future<T>, not Named<String>")
        .inFile(src).onLineContaining("@Async Named<String> named()");
    assertThat(compilation).hadErrorContaining("Declare it as returning Future<String>.");
    assertThat(compilation).hadErrorContaining("@Async method Odd.locked() cannot be synchronized")
        .inFile(src).onLineContaining("synchronized Future<Integer> locked()");
    assertThat(compilation).hadErrorContaining("dev.machina.sync.Mutex");
    assertEquals(Map.of("Odd.named", false, "Odd.locked", false), processor.valid);
  }
}
