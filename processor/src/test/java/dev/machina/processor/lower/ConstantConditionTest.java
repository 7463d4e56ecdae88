package dev.machina.processor.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.lang.model.element.VariableElement;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link ConstantCondition} against javac's own constant folding on random primitive
 * expressions: each is both a {@code static final boolean} field (javac folds its initializer,
 * {@link VariableElement#getConstantValue}) and a returned expression that the fold reads.
 */
class ConstantConditionTest {
  private static final int EXPRESSIONS = 1500;
  private static final String[] NUMERIC = {"int", "long", "float", "double", "char", "byte", "short"};

  @Test
  void foldsEveryConditionAsJavacDoes() throws Exception {
    long seed = Long.getLong("machina.constants.seed", 20261206L);
    Random random = new Random(seed);
    StringBuilder source = new StringBuilder("class Consts {\n")
        .append("  static final int KI = -7; static final long KL = 1L << 40; static final char KC = 'z';\n")
        .append("  static final double KD = -0.0; static final float KF = 3.5f; static final boolean KB = true;\n")
        .append("  static int notConstant = 1; static final Integer BOXED = 1;\n");
    List<String> expressions = new ArrayList<>();
    for (int i = 0; i < EXPRESSIONS; i++) {
      String e = new Generator(random).bool(4);
      expressions.add(e);
      source.append("  static final boolean v").append(i).append(" = ").append(e).append(";\n");
      source.append("  static boolean e").append(i).append("() { return ").append(e).append("; }\n");
    }
    source.append("}\n");
    if (Boolean.getBoolean("machina.constants.print")) {
      System.out.println(source);
    }

    Map<String, Object> javac = new HashMap<>();
    Map<String, Boolean> folded = new HashMap<>();
    compile(source.toString(), javac, folded);

    assertEquals(EXPRESSIONS, folded.size());
    int constantTrue = 0;
    for (int i = 0; i < EXPRESSIONS; i++) {
      boolean javacTrue = Boolean.TRUE.equals(javac.get("v" + i));
      constantTrue += javacTrue ? 1 : 0;
      String e = expressions.get(i);
      assertEquals(javacTrue, folded.get("e" + i), () -> "seed " + seed + ", javac folds " + e);
    }
    // the generator must reach both answers, and non-constant expressions too
    assertTrue(constantTrue > EXPRESSIONS / 10, "constant true: " + constantTrue);
    assertTrue(javac.values().stream().filter(v -> v == null).count() > EXPRESSIONS / 20);
  }

  private static void compile(String source, Map<String, Object> javac, Map<String, Boolean> folded) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Consts.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavacTask task = (JavacTask) compiler.getTask(null, null, diagnostics,
        List.of("-proc:none", "-d", System.getProperty("java.io.tmpdir") + "/machina-consts"), null, List.of(file));
    Trees trees = Trees.instance(task);
    task.addTaskListener(new TaskListener() {
      @Override
      public void finished(TaskEvent e) {
        if (e.getKind() != TaskEvent.Kind.ANALYZE) {
          return;
        }
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitVariable(VariableTree node, Void unused) {
            if (trees.getElement(getCurrentPath()) instanceof VariableElement v) {
              javac.put(node.getName().toString(), v.getConstantValue());
            }
            return null;
          }

          @Override
          public Void visitReturn(ReturnTree node, Void unused) {
            String method = ((com.sun.source.tree.MethodTree) getCurrentPath().getParentPath().getParentPath().getLeaf())
                .getName().toString();
            folded.put(method, ConstantCondition.isTrue(trees, new TreePath(getCurrentPath(), node.getExpression())));
            return null;
          }
        }.scan(e.getCompilationUnit(), null);
      }
    });
    boolean ok = task.call();
    List<String> errors = new ArrayList<>();
    diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
        .forEach(d -> errors.add(d.getLineNumber() + ": " + d.getMessage(null)));
    assertTrue(ok, () -> String.join("\n", errors));
  }

  /** Random well-typed expressions over literals, constant fields, casts and operators. */
  private static final class Generator {
    private final Random random;

    Generator(Random random) {
      this.random = random;
    }

    String bool(int depth) {
      int pick = depth == 0 ? random.nextInt(2) : random.nextInt(9);
      return switch (pick) {
        case 0 -> random.nextBoolean() ? "true" : "false";
        case 1 -> random.nextInt(4) == 0 ? "KB" : random.nextBoolean() ? "true" : "false";
        case 2, 3, 4 -> {
          String type = numericType();
          String[] ops = {"<", "<=", ">", ">=", "==", "!="};
          yield "(" + number(type, depth - 1) + " " + ops[random.nextInt(ops.length)] + " "
              + number(numericType(), depth - 1) + ")";
        }
        case 5 -> "!" + bool(depth - 1);
        case 6 -> {
          String[] ops = {"&&", "||", "&", "|", "^", "==", "!="};
          yield "(" + bool(depth - 1) + " " + ops[random.nextInt(ops.length)] + " " + bool(depth - 1) + ")";
        }
        case 7 -> "(" + bool(depth - 1) + " ? " + bool(depth - 1) + " : " + bool(depth - 1) + ")";
        default -> random.nextInt(3) == 0 ? "(notConstant > 0)" : "(BOXED == 1)";
      };
    }

    private String numericType() {
      return NUMERIC[random.nextInt(NUMERIC.length)];
    }

    String number(String type, int depth) {
      if (depth <= 0 || random.nextInt(4) == 0) {
        return literal(type);
      }
      boolean integral = !type.equals("float") && !type.equals("double");
      switch (random.nextInt(6)) {
        case 0:
          return "((" + type + ") " + number(numericType(), depth - 1) + ")";
        case 1: {
          String[] ops = integral
              ? new String[] {"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", ">>>"}
              : new String[] {"+", "-", "*", "/", "%"};
          String op = ops[random.nextInt(ops.length)];
          String right = op.startsWith("<") || op.startsWith(">")
              ? number(random.nextBoolean() ? "int" : "long", depth - 1)
              : number(type, depth - 1);
          return "((" + type + ") (" + number(type, depth - 1) + " " + op + " " + right + "))";
        }
        case 2:
          return "((" + type + ") " + (integral && random.nextBoolean() ? "~" : "-") + number(type, depth - 1) + ")";
        case 3:
          return "(" + bool(depth - 1) + " ? " + number(type, depth - 1) + " : " + number(type, depth - 1) + ")";
        default:
          return literal(type);
      }
    }

    private String literal(String type) {
      switch (random.nextInt(8)) {
        case 0:
          return switch (type) {
            case "int" -> random.nextBoolean() ? "Integer.MAX_VALUE" : "KI";
            case "long" -> random.nextBoolean() ? "Long.MIN_VALUE" : "KL";
            case "float" -> random.nextBoolean() ? "Float.NaN" : "KF";
            case "double" -> random.nextBoolean() ? "Double.NEGATIVE_INFINITY" : "KD";
            case "char" -> "KC";
            case "byte" -> "Byte.MIN_VALUE";
            default -> "Short.MAX_VALUE";
          };
        case 1:
          return "((" + type + ") 0)";
        default:
          break;
      }
      int small = random.nextInt(7) - 3;
      int any = random.nextBoolean() ? small : random.nextInt();
      String n = any < 0 ? "(" + any + ")" : Integer.toString(any);
      return switch (type) {
        case "int" -> n;
        case "long" -> "(" + (random.nextBoolean() ? random.nextLong() : any) + "L)";
        case "float" -> "(" + (random.nextBoolean() ? small / 3f : random.nextFloat() * any) + "f)";
        case "double" -> "(" + (random.nextBoolean() ? small / 7.0 : random.nextDouble() * any) + ")";
        case "char" -> random.nextBoolean() ? "'" + (char) ('a' + random.nextInt(26)) + "'" : "((char) " + n + ")";
        default -> "((" + type + ") " + n + ")";
      };
    }
  }
}
