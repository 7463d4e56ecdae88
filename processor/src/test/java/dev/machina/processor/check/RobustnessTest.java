package dev.machina.processor.check;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.machina.processor.check.Sources.check;
import static dev.machina.processor.check.Sources.src;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class RobustnessTest {
  @Test
  void anUnexpectedFailureIsAnErrorOnTheMethodAndTheOthersGoOn() {
    MethodRule exploding = (method, reporter) -> {
      if (method.element().getSimpleName().contentEquals("boom")) {
        throw new IllegalStateException("rule exploded");
      }
      return true;
    };
    JavaFileObject src = src("p.Mixed", """
        package p;
        import dev.machina.*;
        class Mixed {
          @Async Future<Integer> before() { return Future.ready(1); }
          @Async Future<Integer> boom() { return Future.ready(2); }
          @Async Future<Integer> after() { return Future.ready(3); }
        }
        """);
    CheckingProcessor processor = new CheckingProcessor(List.of(exploding), 1);
    Compilation compilation = check(processor, src);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("Machina could not check @Async method Mixed.boom()")
        .inFile(src).onLineContaining("Future<Integer> boom()");
    assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: rule exploded");
    assertThat(compilation).hadErrorContaining("at dev.machina.processor.check.RobustnessTest");
    assertEquals(Map.of("Mixed.before", true, "Mixed.boom", false, "Mixed.after", true), processor.valid);
  }

  @Test
  void aMethodCheckedAgainIsReportedOnceAndKeepsItsVerdict() {
    JavaFileObject src = src("p.Twice", """
        package p;
        import dev.machina.*;
        import java.util.List;
        class Twice {
          @Async int wrong() { return 1; }
          @Async Future<Void> lambda(List<Future<String>> fs) {
            fs.forEach(f -> Await.await(f));
            return Future.ready(null);
          }
          @Async Future<Integer> fine() { return Future.ready(1); }
        }
        """);
    CheckingProcessor processor = new CheckingProcessor(List.of(), 3);
    Compilation compilation = check(processor, src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("must return dev.machina.Future<T>, not int")
        .inFile(src).onLineContaining("@Async int wrong()");
    assertThat(compilation).hadErrorContaining("cannot suspend inside a lambda")
        .inFile(src).onLineContaining("Await.await(f)");
    assertEquals(Map.of("Twice.wrong", false, "Twice.lambda", false, "Twice.fine", true), processor.valid);
  }
}
