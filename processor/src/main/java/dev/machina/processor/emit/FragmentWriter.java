package dev.machina.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import dev.machina.processor.lower.Block;
import dev.machina.processor.lower.Captured;
import dev.machina.processor.lower.Code;
import dev.machina.processor.lower.FieldAssign;
import dev.machina.processor.lower.GeneratedType;
import dev.machina.processor.lower.Handle;
import dev.machina.processor.lower.HandleCall;
import dev.machina.processor.lower.Label;
import dev.machina.processor.lower.LocalTypes;
import dev.machina.processor.lower.MachineModel;
import dev.machina.processor.lower.Snapshot;
import dev.machina.processor.lower.Stmt;
import dev.machina.processor.lower.Var;
import dev.machina.processor.parse.AsyncMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Turns the lowering's {@link Code} fragments of one machine into JavaPoet code: variables read
 * with the casts their fields need, captured variables through their final copies, handles,
 * helpers, blocks and types by the names this machine gives them.
 */
final class FragmentWriter {
  private final MachineModel model;
  private final AsyncMethod method;
  private final Map<Object, String> handleNames;
  private final HandleHelpers helpers;
  private final InferredReaders inferredReaders;
  /** The names the machine's class uses; the names made here are added to it. */
  private final Set<String> names;
  private final Map<Var, String> captureNames = new HashMap<>();
  private boolean labelUsed;
  private String snapshotFlag;

  private final TypeNames typeNames;

  FragmentWriter(
      MachineModel model,
      Map<Object, String> handleNames,
      HandleHelpers helpers,
      InferredReaders inferredReaders,
      Set<String> names,
      TypeNames typeNames) {
    this.typeNames = typeNames;
    this.model = model;
    this.method = model.method();
    this.handleNames = handleNames;
    this.helpers = helpers;
    this.inferredReaders = inferredReaders;
    this.names = names;
  }

  /** Whether a fragment written since {@link #clearLabelUsed} jumps to the step's loop label. */
  boolean labelUsed() {
    return labelUsed;
  }

  void clearLabelUsed() {
    labelUsed = false;
  }

  /** Declares final copies of fields that a lambda or class body in {@code s} captures. */
  void copyCaptures(CodeBlock.Builder out, Stmt s, Set<Var> copied) {
    List<Code> codes = new ArrayList<>();
    if (s instanceof Stmt.Line line) {
      codes.add(line.code());
    } else if (s instanceof Stmt.Decl decl && decl.init() != null) {
      codes.add(decl.init());
    } else if (s instanceof Stmt.Suspend suspend) {
      codes.add(suspend.future());
    }
    for (Code c : codes) {
      captures(c, out, copied);
    }
  }

  private void captures(Code c, CodeBlock.Builder out, Set<Var> copied) {
    for (Object a : c.args()) {
      if (a instanceof Captured cap && keptOutsideBlock(cap.var()) && copied.add(cap.var())) {
        out.addStatement(
            "final $L $L = $L",
            cap.var().intersection() != null || cap.var().inferred() != null
                ? CodeBlock.of("var")
                : CodeBlock.of("$T", typeNames.of(cap.var().type())),
            captureName(cap.var()),
            read(cap.var(), CodeBlock.of("$L", cap.var().name())));
      } else if (a instanceof Code inner) {
        captures(inner, out, copied);
      }
    }
  }

  /**
   * Whether {@code v} is a field, a local of {@code step} declared before its loop or a stored
   * pattern binding, which a lambda or class body captures through a final copy (it is assigned
   * in several places).
   */
  private static boolean keptOutsideBlock(Var v) {
    return v.isField() || v.isCarried() || v.isStoredBinding() || v.isDefaulted();
  }

  private String captureName(Var v) {
    return captureNames.computeIfAbsent(
        v,
        k -> {
          String n = k.name() + "_";
          while (names.contains(n)) {
            n += "_";
          }
          names.add(n);
          return n;
        });
  }

  /** Resolves a lowered fragment into JavaPoet. */
  CodeBlock code(Code c) {
    Object[] args = new Object[c.args().size()];
    for (int i = 0; i < args.length; i++) {
      Object a = c.args().get(i);
      if (a instanceof Var v) {
        args[i] =
            !v.isField() || assignedAt(c.format(), i)
                ? v.name()
                : read(v, CodeBlock.of("$L", v.name()));
      } else if (a instanceof Captured cap) {
        args[i] = keptOutsideBlock(cap.var()) ? captureName(cap.var()) : cap.var().name();
      } else if (a instanceof HandleCall call) {
        args[i] = helpers.invoker(call.handle());
      } else if (a instanceof FieldAssign store) {
        args[i] = helpers.assigner(store.handle());
      } else if (a instanceof Snapshot.Read read) {
        args[i] = snapshotRead(read);
      } else if (a instanceof Snapshot snap) {
        args[i] = snapshotFields(snap);
      } else if (a instanceof Block b) {
        args[i] = b.name();
      } else if (a instanceof Handle h) {
        args[i] = handleNames.get(h.key());
      } else if (a == Label.DRIVER) {
        labelUsed = true;
        args[i] = model.names().label();
      } else if (a instanceof TypeMirror t) {
        args[i] = qualifiedIfHidden(typeNames.of(t));
      } else if (a instanceof TypeElement te) {
        args[i] = qualifiedIfHidden(ClassName.get(te));
      } else if (a instanceof GeneratedType g) {
        args[i] = ClassName.get(g.packageName(), g.simpleName());
      } else if (a instanceof Code inner) {
        args[i] = code(inner);
      } else {
        args[i] = a;
      }
    }
    return CodeBlock.of(c.format(), args);
  }

  /**
   * {@code type}, written with its package if a variable or local class of the body has the
   * simple name of its top-level class and it is in the generated file's package: JavaPoet
   * writes such classes by simple name even when told to qualify that name, and a variable or
   * local class in scope hides the class (JLS 6.4.2).
   */
  private TypeName qualifiedIfHidden(TypeName type) {
    if (type instanceof ClassName c
        && !c.packageName().isEmpty()
        && c.packageName().equals(method.packageName())
        && names.contains(c.topLevelClassName().simpleName())) {
      return TypeVariableName.get(c.canonicalName()); // written as it is, never imported
    }
    return type;
  }

  /**
   * Whether argument {@code index} of {@code format} is the target of a simple assignment (the
   * text after its placeholder is {@code =}, not {@code ==}): a field read through a cast
   * ({@code ((R) r)}) is no variable, so a store names the field bare.
   */
  private static boolean assignedAt(String format, int index) {
    int seen = 0;
    for (int i = 0; i < format.length() - 1; i++) {
      if (format.charAt(i) != '$') {
        continue;
      }
      char k = format.charAt(++i);
      if (k == '$') {
        continue;
      }
      if (seen++ == index) {
        int j = i + 1;
        while (j < format.length() && format.charAt(j) == ' ') {
          j++;
        }
        return j + 1 < format.length()
            && format.charAt(j) == '='
            && format.charAt(j + 1) != '=';
      }
    }
    return false;
  }

  /**
   * A read of {@code v} from {@code field}, a field typed otherwise than {@code v} (a local
   * class kept as {@code Object}, an intersection, an intersection as a type argument): cast or
   * passed through its generic reader, so the read has {@code v}'s type.
   */
  private CodeBlock read(Var v, CodeBlock field) {
    if (v.intersection() != null) {
      return CodeBlock.of("(($L) $L)", intersectionCast(v), field);
    }
    if (v.inferred() != null) {
      return CodeBlock.of("$L($L)", inferredReaders.of(v), field);
    }
    if (LocalTypes.mentionsLocal(v.type())) {
      return CodeBlock.of("(($T) $L)", typeNames.of(v.type()), field);
    }
    return field;
  }

  /** {@code B1 & B2 & ..}: the type a read of an intersection-typed field is cast to. */
  private CodeBlock intersectionCast(Var v) {
    CodeBlock.Builder b = CodeBlock.builder();
    String sep = "";
    for (TypeMirror t : v.intersection()) {
      b.add("$L$T", sep, typeNames.of(t));
      sep = " & ";
    }
    return b.build();
  }

  /**
   * The fields of a local class copying, when an instance is created, the machine fields of the
   * variables it captures (Java gives each instance the values of its creation).
   */
  private CodeBlock snapshotFields(Snapshot snap) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (Var v : snap.vars()) {
      TypeName type = typeNames.of(v.type());
      if (LocalTypes.mentionsLocal(v.type())) {
        b.add("\n  private final $T $L = ($T) $L.this.$L;", type, captureName(v), type,
            model.machineName(), v.name());
      } else {
        b.add("\n  private final $T $L = $L.this.$L;", type, captureName(v), model.machineName(),
            v.name());
      }
    }
    if (snap.guarded() && !snap.vars().isEmpty()) {
      // Set after the copies: false while the superclass constructor runs. Not final, or javac
      // would fold it to the constant true.
      b.add("\n  private boolean $L = true;", snapshotFlag());
    }
    return b.build();
  }

  /** The copy of a captured local; in a guarded class, the machine's field until it is set. */
  private CodeBlock snapshotRead(Snapshot.Read read) {
    Var v = read.var();
    if (!read.snapshot().guarded()) {
      return v.intersection() != null || v.inferred() != null
          ? read(v, CodeBlock.of("$L", captureName(v)))
          : CodeBlock.of("$L", captureName(v));
    }
    if (v.intersection() != null || v.inferred() != null) {
      return read(
          v,
          CodeBlock.of(
              "($L ? $L : $L.this.$L)",
              snapshotFlag(),
              captureName(v),
              model.machineName(),
              v.name()));
    }
    CodeBlock field =
        LocalTypes.mentionsLocal(v.type())
            ? CodeBlock.of("(($T) $L.this.$L)", typeNames.of(v.type()), model.machineName(), v.name())
            : CodeBlock.of("$L.this.$L", model.machineName(), v.name());
    return CodeBlock.of("($L ? $L : $L)", snapshotFlag(), captureName(v), field);
  }

  private String snapshotFlag() {
    if (snapshotFlag == null) {
      String n = "copied_";
      while (names.contains(n)) {
        n += "_";
      }
      names.add(n);
      snapshotFlag = n;
    }
    return snapshotFlag;
  }
}
