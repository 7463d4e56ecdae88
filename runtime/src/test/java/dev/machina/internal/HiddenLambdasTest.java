package dev.machina.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lambdas of private interfaces made through a lookup that can name them. */
class HiddenLambdasTest {
  private interface IntOp {
    int apply(int a, int b);
  }

  public interface Sink<T> {
    void take(T t);
  }

  private interface Strings extends Sink<String> {
    @Override
    void take(String s);
  }

  private interface Seven {
    void take(int a, int b, int c, int d, int e, int f, int g);
  }

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  @Test
  void primitivesAreUnboxedAndTheResultCast() throws Exception {
    HiddenLambdas ops =
        HiddenLambdas.of(LOOKUP, IntOp.class, "apply", MethodType.methodType(int.class, int.class, int.class));
    HiddenLambdas.F2<Integer, Integer, Integer> times = (a, b) -> a * b;
    IntOp op = (IntOp) ops.of(times);
    assertEquals(42, op.apply(6, 7));
  }

  @Test
  void theOtherErasuresOfTheMethodAreBridged() throws Exception {
    HiddenLambdas strings =
        HiddenLambdas.of(LOOKUP, Strings.class, "take", MethodType.methodType(void.class, String.class));
    List<String> seen = new ArrayList<>();
    HiddenLambdas.V1<String> add = s -> seen.add(s + "!");
    Strings s = (Strings) strings.of(add);
    s.take("a");
    @SuppressWarnings("unchecked")
    Sink<Object> raw = (Sink<Object>) (Sink<?>) s;
    raw.take("b");
    assertEquals(List.of("a!", "b!"), seen);
    assertThrows(ClassCastException.class, () -> raw.take(3));
  }

  @Test
  void whatTheLambdaThrowsPassesThrough() throws Exception {
    HiddenLambdas ops =
        HiddenLambdas.of(LOOKUP, IntOp.class, "apply", MethodType.methodType(int.class, int.class, int.class));
    HiddenLambdas.F2<Integer, Integer, Integer> divide = (a, b) -> a / b;
    IntOp op = (IntOp) ops.of(divide);
    assertThrows(ArithmeticException.class, () -> op.apply(1, 0));
  }

  @Test
  void anInterfaceMethodOfMoreThanSixParametersIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HiddenLambdas.of(
                    LOOKUP, Seven.class, "take",
                    MethodType.methodType(void.class, int.class, int.class, int.class, int.class,
                        int.class, int.class, int.class)));
    assertEquals(
        "dev.machina.internal.HiddenLambdasTest$Seven.take takes 7 parameters; at most 6 are supported",
        e.getMessage());
  }
}
