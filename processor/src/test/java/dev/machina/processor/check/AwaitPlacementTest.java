package dev.machina.processor.check;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.machina.processor.check.Sources.check;
import static dev.machina.processor.check.Sources.src;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class AwaitPlacementTest {
  @Test
  void awaitDirectlyInAsyncBodyIsFine() {
    JavaFileObject src = src("p.Fine", """
        package p;
        import dev.machina.*;
        import static dev.machina.Await.await;
        class Fine {
          @Async Future<Integer> run(Future<Integer> f) {
            int n = 0;
            for (int i = 0; i < 3; i++) {
              try { n += await(f); } finally { n++; }
            }
            switch (n) { case 1 -> n = await(f); default -> n += Await.await(f); }
            Runnable r = () -> System.out.println("no await here");
            r.run();
            return Future.ready(n);
          }
        }
        """);
    CheckingProcessor processor = new CheckingProcessor();
    Compilation compilation = check(processor, src);
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(Boolean.TRUE, processor.valid.get("Fine.run"));
  }

  @Test
  void awaitInLambdaInsideAsync() {
    JavaFileObject src = src("p.InLambda", """
        package p;
        import dev.machina.*;
        import java.util.List;
        import static dev.machina.Await.await;
        class InLambda {
          @Async Future<Void> run(List<Future<String>> fs) {
            fs.forEach(f -> System.out.println(await(f)));
            return Future.ready(null);
          }
        }
        """);
    CheckingProcessor processor = new CheckingProcessor();
    Compilation compilation = check(processor, src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("await(...) cannot suspend inside a lambda")
        .inFile(src).onLineContaining("System.out.println(await(f))");
    assertThat(compilation).hadErrorContaining("write a for loop instead of forEach");
    assertEquals(Boolean.FALSE, processor.valid.get("InLambda.run"));
  }

  @Test
  void awaitInAnonymousClassInsideAsync() {
    JavaFileObject src = src("p.InAnonymous", """
        package p;
        import dev.machina.*;
        class InAnonymous {
          @Async Future<Void> run(Future<String> f) {
            Runnable r = new Runnable() {
              @Override public void run() {
                System.out.println(Await.await(f));
              }
            };
            r.run();
            return Future.ready(null);
          }
        }
        """);
    Compilation compilation = check(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("inside an anonymous class body")
        .inFile(src).onLineContaining("Await.await(f)");
    assertThat(compilation).hadErrorContaining("InAnonymous.run(Future<String>)");
  }

  @Test
  void awaitInLocalClassInsideAsync() {
    JavaFileObject src = src("p.InLocal", """
        package p;
        import dev.machina.*;
        class InLocal {
          @Async Future<Void> run(Future<String> f) {
            class Printer {
              void print() { System.out.println(dev.machina.Await.await(f)); }
            }
            new Printer().print();
            return Future.ready(null);
          }
        }
        """);
    Compilation compilation = check(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("inside local class Printer")
        .inFile(src).onLineContaining("dev.machina.Await.await(f)");
  }

  @Test
  void awaitInSynchronized() {
    JavaFileObject src = src("p.InSync", """
        package p;
        import dev.machina.*;
        import static dev.machina.Await.*;
        class InSync {
          final Object lock = new Object();
          @Async Future<Integer> run(Future<Integer> f) {
            int before = await(f);
            synchronized (lock) {
              before += await(f);
            }
            return Future.ready(before);
          }
        }
        """);
    CheckingProcessor processor = new CheckingProcessor();
    Compilation compilation = check(processor, src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("inside a synchronized block")
        .inFile(src).onLineContaining("before += await(f)");
    assertThat(compilation).hadErrorContaining("dev.machina.sync.Mutex");
    assertEquals(Boolean.FALSE, processor.valid.get("InSync.run"));
  }

  @Test
  void awaitInMethodWithoutAsync() {
    JavaFileObject src = src("p.Plain", """
        package p;
        import dev.machina.Future;
        import static dev.machina.Await.await;
        class Plain {
          int get(Future<Integer> f) {
            return await(f);
          }
        }
        """);
    Compilation compilation = check(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("await(...) can only be used in an @Async method, and method Plain.get(Future<Integer>) is not @Async")
        .inFile(src).onLineContaining("return await(f)");
    assertThat(compilation).hadErrorContaining("Machina.blockOn(future)");
  }

  @Test
  void everyCompilationUnitIsScanned() {
    JavaFileObject withAsync = src("p.A", """
        package p;
        import dev.machina.*;
        class A {
          @Async Future<Integer> ok(Future<Integer> f) { return Future.ready(Await.await(f)); }
        }
        """);
    JavaFileObject without = src("q.B", """
        package q;
        class B {
          static class Nested {
            Object get(dev.machina.Future<Object> f) { return dev.machina.Await.await(f); }
          }
        }
        """);
    Compilation compilation = check(withAsync, without);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("Nested.get(Future<Object>) is not @Async")
        .inFile(without).onLineContaining("return dev.machina.Await.await(f)");
  }

  @Test
  void awaitInInitializersAndConstructors() {
    JavaFileObject src = src("p.Init", """
        package p;
        import dev.machina.Future;
        import static dev.machina.Await.await;
        class Init {
          static final Future<Integer> F = Future.ready(1);
          final int field = await(F);
          static int staticField;
          static {
            staticField = await(F) + 1;
          }
          int other;
          {
            other = await(F) + 2;
          }
          Init() {
            other = await(F) + 3;
          }
        }
        """);
    Compilation compilation = check(src);
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadErrorContaining("in the initializer of field field")
        .inFile(src).onLineContaining("final int field = await(F)");
    assertThat(compilation).hadErrorContaining("in an initializer block of Init")
        .inFile(src).onLineContaining("staticField = await(F) + 1");
    assertThat(compilation).hadErrorContaining("in an initializer block of Init")
        .inFile(src).onLineContaining("other = await(F) + 2");
    assertThat(compilation).hadErrorContaining("in a constructor of Init")
        .inFile(src).onLineContaining("other = await(F) + 3");
    assertThat(compilation).hadErrorContaining("static @Async factory returning Future<Init>");
  }

  @Test
  void lambdaInMethodWithoutAsyncIsReportedOnce() {
    JavaFileObject src = src("p.Outside", """
        package p;
        import dev.machina.Future;
        import java.util.function.Supplier;
        import static dev.machina.Await.await;
        class Outside {
          Supplier<Integer> later(Future<Integer> f) {
            return () -> {
              Supplier<Integer> inner = () -> await(f);
              return inner.get();
            };
          }
        }
        """);
    Compilation compilation = check(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("cannot suspend inside a lambda, and method Outside.later(Future<Integer>) is not @Async either")
        .inFile(src).onLineContaining("inner = () -> await(f)");
  }

  @Test
  void anonymousClassInMethodWithoutAsync() {
    JavaFileObject src = src("p.AnonOutside", """
        package p;
        import dev.machina.Future;
        import static dev.machina.Await.await;
        class AnonOutside {
          Runnable make(Future<Integer> f) {
            return new Runnable() {
              public void run() { System.out.println(await(f)); }
            };
          }
        }
        """);
    Compilation compilation = check(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("inside an anonymous class body, and method AnonOutside.make(Future<Integer>) is not @Async either")
        .inFile(src).onLineContaining("System.out.println(await(f))");
  }

  @Test
  void awaitMethodReference() {
    JavaFileObject src = src("p.Ref", """
        package p;
        import dev.machina.*;
        import java.util.List;
        import java.util.stream.Collectors;
        class Ref {
          @Async Future<List<String>> all(List<Future<String>> fs) {
            return Future.ready(fs.stream().map(Await::await).collect(Collectors.toList()));
          }
        }
        """);
    Compilation compilation = check(src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("Await::await cannot be used as a method reference")
        .inFile(src).onLineContaining("map(Await::await)");
  }

  @Test
  void otherMethodsNamedAwaitAreNotMachinas() {
    JavaFileObject src = src("p.Others", """
        package p;
        import java.util.concurrent.CountDownLatch;
        class Others {
          static <T> T await(T value) { return value; }
          void run(CountDownLatch latch) throws InterruptedException {
            latch.await();
            System.out.println(await("x"));
          }
        }
        """);
    assertThat(check(src)).succeededWithoutWarnings();
  }
}
