package dev.machina.processor.check;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Helpers for compiling inline sources through the {@link CheckingProcessor}. */
final class Sources {
  private Sources() {}

  static JavaFileObject src(String qualifiedName, String code) {
    return JavaFileObjects.forSourceString(qualifiedName, code);
  }

  static Compilation check(CheckingProcessor processor, JavaFileObject... sources) {
    return Compiler.javac().withProcessors(processor).withOptions("-Xlint:-processing").compile(sources);
  }

  static Compilation check(JavaFileObject... sources) {
    return check(new CheckingProcessor(), sources);
  }
}
