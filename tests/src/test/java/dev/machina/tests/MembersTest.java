package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class MembersTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void privateFieldsAndMethodsOfTheEnclosingClass(Mode mode) throws Throwable {
    assertEquals("S!168", block(MembersAsync.privates(new Members(), new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nestedAndInnerClasses(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals("n!", block(Members_NestedAsync.greet(new Members.Nested("n"), s)));
    Members outer = new Members();
    assertEquals(14, block(Members_InnerAsync.sum(outer.new Inner(), s)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void qualifiedInnerClassCreation(Mode mode) throws Throwable {
    assertEquals("14 ab anon bc", block(MembersAsync.qualifiedCreation(new Members(), new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void localTypesAsArraysAndTypeArguments(Mode mode) throws Throwable {
    assertEquals(
        "9LARGE[Square[side=3], Square[side=2]]2", block(MembersAsync.localTypes(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void innerClassUsesTheEnclosingInstance(Mode mode) throws Throwable {
    InnerOuterAccess outer = new InnerOuterAccess();
    assertEquals(20, block(InnerOuterAccess_InnerAsync.sum(outer.new Inner(), new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void compoundAssignmentToAPrivateField(Mode mode) throws Throwable {
    PrivateCompound p = new PrivateCompound();
    assertEquals(8, block(PrivateCompoundAsync.bump(p, new Src(mode))));
    assertEquals(9, block(PrivateCompoundAsync.bump(p, new Src(mode))));
  }

  /** FINDINGS F17: {@code Short s; s = 5; s++} on private fields compiles and behaves as Java. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void primitiveStoresToPrivateNarrowBoxes(Mode mode) throws Throwable {
    PrivateCompound p = new PrivateCompound();
    assertEquals("t1 null 300 6 b C -56 1", block(PrivateCompoundAsync.narrowBoxes(p, new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void records(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals(7, block(Members_PointAsync.dist(new Members.Point(-3, 4), s)));
    assertEquals(new Members.Point(0, 0), block(Members_PointAsync.origin(s)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void enums(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals(5, block(Members_OpAsync.apply(Members.Op.PLUS, s, 2, 3)));
    assertEquals(6, block(Members_OpAsync.apply(Members.Op.TIMES, s, 2, 3)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void interfaceDefaultAndStaticMethods(Mode mode) throws Throwable {
    Src s = new Src(mode);
    Members.Named bob = () -> "bob";
    assertEquals("named bob", block(Members_NamedAsync.describe(bob, s)));
    assertEquals("nobody", block(Members_NamedAsync.anonymous(s)));
  }
}
