package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.other.VehicleAsync;
import dev.machina.tests.support.Src;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class InheritanceTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void protectedMembersOfASuperclassInAnotherPackage(Mode mode) throws Throwable {
    Src s = new Src(mode);
    Inheritance car = new Inheritance();
    assertEquals(
        "now 8 km/h / km/h / built true", block(InheritanceAsync.accelerate(car, s, 3)));
    assertEquals(List.of("at 3", "was 8"), car.log());
    assertEquals(9, block(InheritanceAsync.speedOf(s, car)));
    assertEquals(List.of("at 3", "was 8", "set 9"), car.log());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void protectedNestedTypesOfASuperclassInAnotherPackage(Mode mode) throws Throwable {
    Inheritance car = new Inheritance();
    for (int kilos : new int[] {2, 4, 12}) {
      assertEquals(car.servicePlain(kilos), block(InheritanceAsync.service(car, new Src(mode), kilos)));
    }
    assertEquals(
        "wheel/9 9 2 0 low1 none! stalled at 4.", block(InheritanceAsync.service(car, new Src(mode), 4)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anInnerClassReachesItsOuterInstancesInheritedMembers(Mode mode) throws Throwable {
    Inheritance car = new Inheritance();
    Inheritance.Driver d = car.new Driver();
    assertEquals("driven 7 1", block(Inheritance_DriverAsync.drive(d, new Src(mode))));
    assertEquals(List.of("driver"), car.log());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void superCallsReachTheSuperclassMembersWhateverIsOverriddenOrHidden(Mode mode) throws Throwable {
    SuperCalls car = new SuperCalls();
    assertEquals(
        "mine at 1000 / at 7 / later 7 / 1000", block(SuperCallsAsync.overtake(car, new Src(mode))));
    assertEquals(List.of("at 7", "overridden mine at 1000"), car.log());
    SuperCalls faster = new SuperCalls.Faster();
    assertEquals(
        "faster at  / at 7 / later 7 / 1000", block(SuperCallsAsync.overtake(faster, new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void overridesRunTheOverriddenMachinesAndReferencesReachWhatSuperNames(Mode mode) throws Throwable {
    SuperCalls car = new SuperCalls();
    assertEquals("beep, then honk!", block(VehicleAsync.honk(car, new Src(mode))));
    assertEquals(
        "x0 / mine x1000 / horn x / mine x / beep, then honk! / horn y",
        block(SuperCallsAsync.references(car, new Src(mode))));
    SuperCalls faster = new SuperCalls.Faster();
    // two levels of super: Faster's machine, SuperCalls's, then Vehicle's
    assertEquals("fast beep, then honk!", block(VehicleAsync.honk(faster, new Src(mode))));
    assertEquals(
        "x0 / faster x / horn x / mine x / fast beep, then honk! / horn y",
        block(SuperCallsAsync.references(faster, new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void referencesToVarargsMethodsPassTheArraysThePlainReferencesWould(Mode mode) throws Throwable {
    SuperCalls car = new SuperCalls.Faster();
    assertEquals(
        "a->b->c (String[]) / a->b (String[]) / a-> (String[]) / mine a0 / [1, 2]",
        block(SuperCallsAsync.varargsReferences(car, new Src(mode))));
  }
}
