package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class DeclarationsTest {
  /** FINDINGS F34: the enclosing instance of a static nested generic class, typed and found. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void innerClassOfAStaticNestedGenericClass(Mode mode) throws Throwable {
    Src s = new Src(mode);
    Declarations.Outer<String> outer = new Declarations.Outer<>("o");
    Declarations.Outer<String>.Inner<Integer> inner = outer.new Inner<>(5);
    assertEquals("[t, o]/5/ot", block(Declarations_Outer_InnerAsync.pair(inner, s, "t")));
    assertEquals(
        "o-5-!", block(Declarations_Outer_Inner_DeepestAsync.all(inner.new Deepest(), s)));
  }
}
