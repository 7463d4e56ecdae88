package dev.machina.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.machina.processor.lower.AwaitSite;
import dev.machina.processor.lower.Block;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * A machine's state table, {@code STATES}: one line per state saying what it is suspended at
 * (the await's state, source line and text), which {@code toString} reads, so that a task dump
 * or a debugger shows where a machine waits.
 */
final class StateTable {
  private StateTable() {}

  /** The {@code STATES} field of a machine with {@code blocks}, named {@code statesName}. */
  static FieldSpec field(List<Block> blocks, String statesName) {
    int last = 0;
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i).await() != null) {
        last = i;
      }
    }
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i <= last; i++) {
      Block blk = blocks.get(i);
      AwaitSite site = blk.await();
      if (i > 0) {
        rows.append('\n');
      }
      if (i == 0) {
        rows.append(" (not started)");
      } else if (site != null && site.line() > 0) {
        rows.append(" suspended at ").append(blk.name())
            .append(" (").append(site.location()).append(": ")
            .append(shortened(site.source().replace("\n", " "))).append(")");
      } else if (site != null) {
        rows.append(" awaiting the future it returned");
      }
    }
    String table = rows.toString();
    CodeBlock init;
    if (constantBytes(table) < STRING_CONSTANT_BYTES) {
      init = CodeBlock.of("$S", table);
    } else {
      // A class file's string constant holds at most 65535 bytes: a long method (jsoup's
      // Safelist.relaxed, hundreds of awaits) gets its rows joined at class initialization, in
      // chunks of rows that each fit a constant, so that the static initializer stays a few
      // instructions per chunk however many states there are (one argument per row took 8
      // bytes of it per state, past the JVM's 64 KB for a method at about 8000 states).
      CodeBlock.Builder b = CodeBlock.builder().add("$T.join($S", String.class, "\n");
      List<String> chunk = new ArrayList<>();
      int bytes = 0;
      for (String row : table.split("\n", -1)) {
        int rowBytes = constantBytes(row) + 1;
        if (!chunk.isEmpty() && bytes + rowBytes >= STRING_CONSTANT_BYTES) {
          b.add(",\n$S", String.join("\n", chunk));
          chunk.clear();
          bytes = 0;
        }
        chunk.add(row);
        bytes += rowBytes;
      }
      init = b.add(",\n$S)", String.join("\n", chunk)).build();
    }
    return FieldSpec.builder(
            String.class, statesName, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(
            "What each state is doing, one line per state, empty if it never suspends (for {@link"
                + " #toString}).\n")
        .initializer(init)
        .build();
  }

  /** The most characters of an await's source a row of the table shows. */
  static final int ROW_SOURCE_CHARS = 2000;

  /**
   * {@code source} cut to {@link #ROW_SOURCE_CHARS} and an ellipsis: an await around a long
   * array initializer (zxing's {@code Version.buildVersions}, 82 KB of source in one row) would
   * otherwise make a row no string constant can hold, however the rows are chunked.
   */
  static String shortened(String source) {
    if (source.length() <= ROW_SOURCE_CHARS) {
      return source;
    }
    int end = ROW_SOURCE_CHARS;
    if (Character.isHighSurrogate(source.charAt(end - 1))) {
      end--;
    }
    return source.substring(0, end) + " ...";
  }

  /** The state table is kept in string constants of fewer bytes than this (of 65535). */
  private static final int STRING_CONSTANT_BYTES = 60_000;

  /** The bytes of {@code s} in a class file's constant pool (modified UTF-8, JVMS 4.4.7). */
  private static int constantBytes(CharSequence s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      bytes += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return bytes;
  }

  /** The machine's {@code toString}: {@code describeName(..)} of its state and the table. */
  static MethodSpec toStringMethod(String describeName, String displayName, String statesName) {
    return MethodSpec.methodBuilder("toString")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addStatement(
            "return $L($S, isDone(), state, $L)", describeName, displayName, statesName)
        .build();
  }
}
