package dev.machina.processor.lower;

import dev.machina.processor.parse.AsyncMethod;
import java.util.List;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;

/**
 * The lowered form of one {@code @Async} method: its blocks in emission order (the first is the
 * start state), its variables, the private-member handles it uses and the names of the
 * identifiers the generated {@code step} method declares.
 *
 * @param method the parsed method
 * @param machineName the simple name of the machine class
 * @param blocks the blocks; {@code blocks.get(0)} runs first
 * @param vars every variable; the emitter decides which become fields
 * @param handles private-member handles the body uses
 * @param shapes the interfaces the machine declares for function types of hidden interfaces
 * @param names identifiers of generated code chosen not to clash with the user's
 * @param cleared for each suspension, the reference fields it clears (dead from there on)
 * @param localClasses local classes declared in the body, declared at the top of {@code step}
 * @param bodyNames every variable name the body declares, parameters and the variables of
 *     statements copied whole into {@code step} included
 * @param assertionsFlag the name of the machine's static flag that is true when assertions are
 *     enabled for the user's top-level class (the class javac consults for the plain method's
 *     {@code assert} statements), or {@code null} if the body has no {@code assert}
 * @param value the primitive type the machine's step returns unboxed ({@link PrimitiveValue}),
 *     or {@code null} if it returns the boxed value
 */
public record MachineModel(
    AsyncMethod method,
    String machineName,
    List<Block> blocks,
    List<Var> vars,
    List<Handle> handles,
    List<FunctionShape> shapes,
    Names names,
    java.util.Map<Stmt.Suspend, List<Var>> cleared,
    List<Code> localClasses,
    java.util.Set<String> bodyNames,
    String assertionsFlag,
    PrimitiveType value) {

  /**
   * The statement that returns from a step of a machine whose step returns {@code value} when it
   * suspends: {@code SUSPENDED}, or for a primitive-valued step a placeholder its callers ignore
   * (they see {@code awaiting} set: see {@code Machine}'s class comment).
   */
  public static String suspend(PrimitiveType value) {
    if (value == null) {
      return "return SUSPENDED";
    }
    return value.getKind() == TypeKind.BOOLEAN ? "return false" : "return 0";
  }

  /** {@code Int} for {@code int}: the suffix of a primitive-valued step and of its locals. */
  public static String capitalizedKind(TypeKind kind) {
    String k = kind.name().toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(k.charAt(0)) + k.substring(1);
  }

  /**
   * The static field of the generated class that resolves receivers' classes for the factory of
   * an overridable method: {@code FIB_OVERRIDES} for machine {@code Fib}. No variable of the
   * machine takes this name, as the factory's parameters would hide the field.
   */
  public static String overridesField(String machineName) {
    return machineName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase() + "_OVERRIDES";
  }

  /** {@link #overridesField(String)} of this machine. */
  public String overridesField() {
    return overridesField(machineName);
  }

  /**
   * Identifiers used by generated code.
   *
   * @param self the receiver field
   * @param cx the context parameter of {@code step}
   * @param depth the parameter of {@code step} counting the machines stepped below the
   *     trampoline's
   * @param result the local holding an awaited value
   * @param thrown the catch parameter of the exception dispatcher
   * @param suppressed the catch parameter used when closing resources
   * @param label the label of the driver loop
   */
  public record Names(
      String self,
      String cx,
      String depth,
      String result,
      String thrown,
      String suppressed,
      String label) {}
}
