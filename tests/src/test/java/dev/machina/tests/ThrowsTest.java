package dev.machina.tests;

import static dev.machina.tests.support.Drive.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.machina.tests.support.Mode;
import dev.machina.tests.support.Src;
import dev.machina.tests.support.Trace;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class ThrowsTest {
  @ParameterizedTest
  @EnumSource(Mode.class)
  void throwAnAwaitedException(Mode mode) {
    Trace t = new Trace();
    IllegalStateException e = new IllegalStateException("thrown");
    assertSame(e, assertThrows(Throwable.class, () -> block(ThrowsAsync.throwAwaited(new Src(mode), t, e))));
    assertEquals(List.of("start"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void checkedExceptionFromAFutureIsCaughtAsTheOriginal(Mode mode) throws Throwable {
    Trace t = new Trace();
    IOException io = new IOException("disk");
    assertEquals("caught disk", block(ThrowsAsync.catchChecked(new Src(mode), t, io)));
    assertEquals(List.of("same=true io=true"), t.events());
    assertSame(io, assertThrows(IOException.class, () -> block(ThrowsAsync.propagateChecked(new Src(mode), io))));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void checkedExceptionIsCaughtByItsTypeWhenTheAwaitDeclaresIt(Mode mode) throws Throwable {
    IOException io = new IOException("disk");
    Trace failing = new Trace();
    assertEquals("caught disk", block(ThrowsAsync.catchCheckedByType(new Src(mode), failing, io, true)));
    assertEquals(List.of("same=true", "finally"), failing.events());
    Trace fine = new Trace();
    assertEquals("fine", block(ThrowsAsync.catchCheckedByType(new Src(mode), fine, io, false)));
    assertEquals(List.of("got fine", "finally"), fine.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void checkedThrowFromTheBody(Mode mode) throws Throwable {
    IOException e = assertThrows(IOException.class, () -> block(ThrowsAsync.throwCheckedDirectly(new Src(mode), true)));
    assertEquals("direct 3", e.getMessage());
    assertEquals("fine 3", block(ThrowsAsync.throwCheckedDirectly(new Src(mode), false)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void rethrowWrapped(Mode mode) {
    Trace t = new Trace();
    IOException io = new IOException("disk");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> block(ThrowsAsync.rethrowWrapped(new Src(mode), t, io)));
    assertEquals("wrapped", e.getMessage());
    assertSame(io, e.getCause());
    assertEquals(List.of("wrapping"), t.events());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void errorsAreCaughtToo(Mode mode) throws Throwable {
    assertEquals("error same=true", block(ThrowsAsync.errorsToo(new Src(mode), new StackOverflowError("fake"))));
  }
}
