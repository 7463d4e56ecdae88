package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.Overriding.Animal;
import dev.machina.tests.Overriding.Beagle;
import dev.machina.tests.Overriding.Box;
import dev.machina.tests.Overriding.Butler;
import dev.machina.tests.Overriding.Cat;
import dev.machina.tests.Overriding.Dog;
import dev.machina.tests.Overriding.IntBox;
import dev.machina.tests.Overriding.Loud;
import dev.machina.tests.Overriding.Plain;
import dev.machina.tests.Overriding.Robot;
import dev.machina.tests.Overriding.Wolf;
import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
class OverridingTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void theFactoryAndCallsInBodiesRunTheReceiversOverride(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals("animal", block(Overriding_AnimalAsync.name(new Animal(s))));
    assertEquals("dog!", block(Overriding_AnimalAsync.name(new Dog(s))));
    assertEquals("<animal>", block(Overriding_AnimalAsync.describe(new Animal(s))));
    assertEquals("<dog!>", block(Overriding_AnimalAsync.describe(new Dog(s))));
    assertEquals("<animal>", block(Overriding_AnimalAsync.describe(new Cat(s))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aChainOfThreeClassesSelectsTheMostDerived(Mode mode) throws Throwable {
    Src s = new Src(mode);
    Animal beagle = new Beagle(s);
    assertEquals("beagle/dog!", block(Overriding_AnimalAsync.name(beagle)));
    assertEquals("beagle/dog!", block(Overriding_DogAsync.name((Dog) beagle)));
    assertEquals("<beagle/dog!>", block(Overriding_AnimalAsync.describe(beagle)));
    assertEquals(300, block(Overriding_AnimalAsync.countDown(beagle, 3)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void plainOverridesAreCalled(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals("<robot>", block(Overriding_AnimalAsync.describe(new Robot(s))));
    assertEquals("robot", block(Overriding_AnimalAsync.name(new Robot(s))));
    assertEquals("<wolf>", block(Overriding_AnimalAsync.describe(new Wolf(s))));
    assertEquals("wolf", block(Overriding_DogAsync.name(new Wolf(s))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void recursionGoesThroughTheOverride(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals(5, block(Overriding_AnimalAsync.countDown(new Animal(s), 5)));
    assertEquals(500, block(Overriding_AnimalAsync.countDown(new Dog(s), 5)));
    assertEquals(100_000 * 100, block(Overriding_AnimalAsync.countDown(new Dog(s), 100_000)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void interfaceDefaultsAreOverridden(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals("hello ann", block(Overriding_GreeterAsync.greet(new Plain(s), "ann")));
    assertEquals("HELLO ANN", block(Overriding_GreeterAsync.greet(new Loud(s), "ann")));
    assertEquals("good day, ann", block(Overriding_GreeterAsync.greet(new Butler(s), "ann")));
    assertEquals(
        "HELLO BOB, HELLO BOB", block(Overriding_GreeterAsync.greetTwice(new Loud(s), "bob")));
    assertEquals(
        "good day, bob, good day, bob",
        block(Overriding_GreeterAsync.greetTwice(new Butler(s), "bob")));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anOverrideWithAnotherErasureIsFoundThroughItsBridge(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals("box 1", block(Overriding_BoxAsync.show(new Box<>(), 1, s)));
    Box<Integer> box = new IntBox();
    assertEquals("int 2", block(Overriding_BoxAsync.show(box, 1, s)));
  }
}
