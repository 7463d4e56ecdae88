package dev.machina.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.machina.processor.lower.Block;
import dev.machina.processor.lower.MachineModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code step} of a machine split into parts ({@link StepParts}), which calls the part
 * of the current state until one returns something else than the sentinel {@code otherPart},
 * and the unboxed step of such a machine that is primitive-valued.
 */
final class PartDispatcher {
  private final MachineModel model;
  private final List<StepSplit.Range> ranges;
  private final List<String> partNames;
  private final String otherPart;

  PartDispatcher(MachineModel model, StepParts parts, List<String> partNames, String otherPart) {
    this.model = model;
    this.ranges = parts.ranges();
    this.partNames = partNames;
    this.otherPart = otherPart;
  }

  /** {@code step}, given its declaration. */
  MethodSpec step(MethodSpec.Builder declaration) {
    MachineModel.Names n = model.names();
    List<Block> blocks = model.blocks();
    CodeBlock.Builder b = CodeBlock.builder();
    b.beginControlFlow("for (;;)");
    b.addStatement("$T value", Object.class);
    b.beginControlFlow(
        "if (state < $L || state > $L)",
        blocks.get(0).name(),
        blocks.get(blocks.size() - 1).name());
    b.addStatement("throw new $T(this + $S + state)", IllegalStateException.class, ": no state ");
    for (int k = 0; k < ranges.size(); k++) {
      if (k + 1 < ranges.size()) {
        b.nextControlFlow("else if (state <= $L)", blocks.get(ranges.get(k).last()).name());
      } else {
        b.nextControlFlow("else");
      }
      b.addStatement("value = $L($L, $L)", partNames.get(k), n.cx(), n.depth());
    }
    b.endControlFlow();
    b.beginControlFlow("if (value != $L)", otherPart);
    if (model.value() == null) {
      b.addStatement("return value");
    } else {
      // The parts run the unboxed step's code, which returns a placeholder when it suspends
      // (see Machine's class comment): awaiting tells.
      b.addStatement("return awaiting != null ? SUSPENDED : value");
    }
    b.endControlFlow();
    b.endControlFlow();
    return declaration
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PROTECTED)
        .addJavadoc(
            "Runs the body, whose states are split by range among $L methods, {@code $L} to"
                + " {@code $L}.\n",
            ranges.size(),
            partNames.get(0),
            partNames.get(partNames.size() - 1))
        .addCode(b.build())
        .build();
  }

  /** The unboxed step ({@code stepInt}), given its declaration: {@code step}'s value, unboxed. */
  MethodSpec unboxedStep(MethodSpec.Builder declaration) {
    MachineModel.Names n = model.names();
    return declaration
        .addStatement("$T value = step($L, $L)", Object.class, n.cx(), n.depth())
        .beginControlFlow("if (awaiting != null)")
        .addStatement(MachineModel.suspend(model.value()))
        .endControlFlow()
        .addStatement("return ($T) value", TypeName.get(model.value()).box())
        .build();
  }
}
