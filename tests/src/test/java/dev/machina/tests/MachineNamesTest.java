package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(30)
class MachineNamesTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void variablesNamedLikeMachineMembersKeepTheirValues(Mode mode) throws Throwable {
    // state 1, depth 2; awaiting 2, SUSPENDED 4, MAX_NESTED 5, r 8, cx 9, START 10, STATES 11,
    // RETHROW 12, AWAIT_PLUS_ONE 13, and five helpers returning 1.
    assertEquals(82, block(MachineNamesAsync.locals(new Src(mode), 1, 2)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void fieldsNamedLikeMachineMembersAreTheClasssFields(Mode mode) throws Throwable {
    assertEquals(1001 + 2001 + 1000 + 2000, block(MachineNamesAsync.staticFields(new Src(mode))));
    // a 8, SUSPENDED_FIELD 9, MachineNamesAsync 10: 8 + 7 + 10 - 9 - 1.
    assertEquals(15, block(MachineNamesAsync.instanceField(new MachineNames(7), new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void variablesOfStatementsCopiedWholeDoNotCatchTheMachinesJumps(Mode mode) throws Throwable {
    // One pass of the while loop: total 1, then 1 + 2 + 3, then returns plusOne(7).
    assertEquals(8, block(MachineNamesAsync.copiedStatements(new Src(mode), List.of(1, 2, 3))));
    // break outer from the first loop: 1, then 9 > 5 breaks before adding it.
    assertEquals(1, block(MachineNamesAsync.copiedStatements(new Src(mode), List.of(9))));
    assertEquals(6, block(MachineNamesAsync.catchNamedState(new Src(mode), new int[2])));
    assertEquals(42, block(MachineNamesAsync.patternNamedAwaiting(new Src(mode))));
    assertEquals(0 + 1 + 2 + 3, block(MachineNamesAsync.captureCopyNamedLikeAVariable(new Src(mode))));
    assertEquals(
        42,
        block(
            MachineNamesAsync.variableNamedFuture(
                java.util.concurrent.CompletableFuture.completedFuture(41))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void parametersNamedLikeTheDispatchMembersOfAFactory(Mode mode) throws Throwable {
    Src s = new Src(mode);
    assertEquals(3, block(MachineNames_DispatchingAsync.sum(new MachineNames.Dispatching(), s, 1, 2)));
    assertEquals(-3, block(MachineNames_DispatchingAsync.sum(new MachineNames.Overriding(), s, 1, 2)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aMemberTypeNamedLikeAGeneratedClassDoesNotHoldBackTheFile(Mode mode) throws Throwable {
    assertEquals(6, block(MachineNamesAsync.memberTypeNamedLikeAGeneratedClass(new Src(mode))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void variablesNamedLikeClassesDoNotHideThem(Mode mode) throws Throwable {
    assertEquals(8, block(MachineNamesAsync.variableNamedLikeAClass(new Src(mode))));
  }
}
