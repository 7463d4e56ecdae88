package dev.machina.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class ReporterTest {
  /** Reports one error on a source element and one on a class-file element. */
  static final class Reporting extends AbstractProcessor {
    boolean hadErrors;

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
      if (round.processingOver()) {
        return false;
      }
      Reporter reporter = new Reporter(processingEnv);
      reporter.error(processingEnv.getElementUtils().getTypeElement("p.Here"), "on the source line");
      reporter.error(processingEnv.getElementUtils().getTypeElement("java.lang.String"), "without source");
      hadErrors = reporter.hadErrors();
      return false;
    }
  }

  @Test
  void elementsWithAndWithoutSourceAreReported() {
    JavaFileObject src = JavaFileObjects.forSourceString("p.Here", """
        package p;
        class Here {}
        """);
    Reporting processor = new Reporting();
    Compilation compilation = Compiler.javac().withProcessors(processor).compile(src);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("on the source line").inFile(src).onLineContaining("class Here");
    assertThat(compilation).hadErrorContaining("without source");
    assertTrue(processor.hadErrors);
  }
}
