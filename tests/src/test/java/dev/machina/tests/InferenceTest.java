package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class InferenceTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void intersectionTypedVariablesKeepTheirMembers(Mode mode) throws Throwable {
    assertEquals("7:7:7true:Integer", block(InferenceAsync.intersection(new Src(mode), true)));
    assertEquals("s:s:strue:String", block(InferenceAsync.intersection(new Src(mode), false)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void intersectionsAsTypeArguments(Mode mode) throws Throwable {
    assertEquals("[1, 2.5]:2:32:3", block(InferenceAsync.intersectionTypeArgument(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void localRecordsAssignedAgain(Mode mode) throws Throwable {
    assertEquals("Pair[a=4, b=xy]", block(InferenceAsync.localRecordReassigned(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void methodReferencesWithAnAwaitedReceiver(Mode mode) throws Throwable {
    Trace trace = new Trace();
    assertEquals(
        "cdefefsb", block(InferenceAsync.methodReferenceReceiver(new Src(mode), trace, "abcdef")));
    assertEquals("[made]", trace.toString());
    Trace nul = new Trace();
    assertEquals("null", block(InferenceAsync.methodReferenceReceiver(new Src(mode), nul, null)));
    assertEquals("[npe]", nul.toString());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void localTypesInLambdasLocalClassesAndAssignments(Mode mode) throws Throwable {
    assertEquals(
        "r1B{A=2, B=1}a1n2b2c3:s:1", block(InferenceAsync.localTypesAsTargets(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void localTypedLambdasAsValuesOfSwitchesAndConditionals(Mode mode) throws Throwable {
    assertEquals(
        "2:9:[Box[w=10]]",
        block(InferenceAsync.localTypedLambdasInSwitchAndConditionalArms(new Src(mode), 0)));
    assertEquals(
        "3:3:[Box[w=5], Box[w=1]]",
        block(InferenceAsync.localTypedLambdasInSwitchAndConditionalArms(new Src(mode), 1)));
    assertEquals(
        "-1:-1:[Box[w=5], Box[w=1]]",
        block(InferenceAsync.localTypedLambdasInSwitchAndConditionalArms(new Src(mode), 2)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void namesOfThePackagesClassesHiddenByTheBody(Mode mode) throws Throwable {
    assertEquals("4:1", block(InferenceAsync.variableNamedLikeAClassOfThePackage(new Src(mode))));
    assertEquals(
        "InferenceHelp[v=3]:10",
        block(InferenceAsync.localClassNamedLikeAClassOfThePackage(new Src(mode))));
  }
}
