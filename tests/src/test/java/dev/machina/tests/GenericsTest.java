package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class GenericsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void genericStaticMethods(Mode mode) throws Throwable {
    Src s = new Src(mode);
    Integer max = block(GenericsAsync.max(s, List.of(3, 9, 2)));
    assertEquals(9, max);
    Map<String, List<String>> g =
        block(GenericsAsync.group(s, List.of("apple", "bean", "avocado"), v -> v.substring(0, 1)));
    assertEquals(Map.of("a", List.of("apple", "avocado"), "b", List.of("bean")), g);
    String[] arr = block(GenericsAsync.arrays(s, new String[] {"a", "b", "c"}));
    assertArrayEquals(new String[] {"a", "b", "a"}, arr);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void methodsOfAGenericClass(Mode mode) throws Throwable {
    Src s = new Src(mode);
    Generics<String> g = new Generics<>();
    assertEquals(2, block(GenericsAsync.addAll(g, s, List.of("x", "yy"))));
    List<Integer> lengths = block(GenericsAsync.mapAll(g, s, String::length));
    assertEquals(List.of(1, 2), lengths);
  }
}
