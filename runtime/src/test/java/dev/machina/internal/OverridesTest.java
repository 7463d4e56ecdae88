package dev.machina.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.machina.Future;
import dev.machina.internal.elsewhere.Stranger;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.Test;

/**
 * {@link Overrides} resolves the declaration a virtual call selects, without the processor: the
 * "generated" factory below is written by hand with the naming convention and the marker.
 */
public class OverridesTest {
  /** Declares the "@Async" methods. */
  public static class Base {
    public Future<String> greet(int n) {
      return Future.ready("base " + n);
    }

    Future<String> quiet(int n) {
      return Future.ready("base quiet " + n);
    }
  }

  /** No override. */
  static class Same extends Base {}

  /** A plain override. */
  static class Plain extends Base {
    @Override
    public Future<String> greet(int n) {
      return Future.ready("plain " + n);
    }
  }

  /** An "@Async" override: its factory is {@link OverridesTest_AsyncSubAsync#greet}. */
  static class AsyncSub extends Base {
    @Override
    public Future<String> greet(int n) {
      throw new AssertionError("the original body of an @Async method must not run");
    }
  }

  /** Below AsyncSub, overrides nothing: AsyncSub's factory is selected. */
  static class Below extends AsyncSub {}

  /** Overrides the package-private method from the same package. */
  static class Near extends Base {
    @Override
    Future<String> quiet(int n) {
      return Future.ready("near " + n);
    }
  }

  /** A private class, which generated code cannot name: found by its binary name. */
  private static class Hidden {
    Future<String> whisper(int n) {
      return Future.ready("hidden " + n);
    }
  }

  /** A plain override of the private class's method, in its nest. */
  private static class Louder extends Hidden {
    @Override
    Future<String> whisper(int n) {
      return Future.ready("louder " + n);
    }
  }

  /** A class generated code cannot name, in the signature of an "@Async" method. */
  private record Secret(String word) {}

  /** Declares an "@Async" method taking a {@link Secret} and an array of them. */
  public static class Keeper {
    Future<String> keep(Secret s, Secret[] more, int n) {
      return Future.ready("keeper " + s.word() + more.length + n);
    }
  }

  /** A plain override. */
  static class PlainKeeper extends Keeper {
    @Override
    Future<String> keep(Secret s, Secret[] more, int n) {
      return Future.ready("plain keeper " + s.word() + more.length + n);
    }
  }

  /** An "@Async" override: its factory, {@link OverridesTest_AsyncKeeperAsync#keep}, takes Objects. */
  static class AsyncKeeper extends Keeper {
    @Override
    Future<String> keep(Secret s, Secret[] more, int n) {
      throw new AssertionError("the original body of an @Async method must not run");
    }
  }

  interface Greeter {
    default Future<String> hi() {
      return Future.ready("greeter");
    }
  }

  interface Loud extends Greeter {
    @Override
    default Future<String> hi() {
      return Future.ready("loud");
    }
  }

  static class Quiet implements Greeter {}

  static class Shouter implements Loud, Greeter {}

  private static Object call(MethodHandle h, Base self, int n) throws Throwable {
    return ((Future<?>) h.invokeExact(self, n)).poll(null);
  }

  @Test
  void theDeclaringClassAndClassesWithoutOverrideBuildTheOwnMachine() {
    Overrides o = new Overrides(MethodHandles.lookup(), Base.class, "greet", int.class);
    assertNull(o.get(Base.class));
    assertNull(o.get(Same.class));
  }

  @Test
  void ofAReceiverSelectsByItsClassAndSkipsTheLookupForTheDeclaringClass() throws Throwable {
    Overrides o = new Overrides(MethodHandles.lookup(), Base.class, "greet", new Class<?>[] {int.class});
    assertNull(o.of(new Base()));
    assertNull(o.of(new Same()));
    assertEquals("plain 5", call(o.of(new Plain()), new Plain(), 5));
    assertEquals("factory 6", call(o.of(new AsyncSub()), new AsyncSub(), 6));
  }

  @Test
  void plainAndAsyncOverridesAreSelected() throws Throwable {
    Overrides o = new Overrides(MethodHandles.lookup(), Base.class, "greet", int.class);
    assertEquals("plain 1", call(o.get(Plain.class), new Plain(), 1));
    assertEquals("factory 2", call(o.get(AsyncSub.class), new AsyncSub(), 2));
    assertEquals("factory 3", call(o.get(Below.class), new Below(), 3));
  }

  @Test
  void aPackagePrivateMethodIsOnlyOverriddenFromItsPackage() throws Throwable {
    Overrides o = new Overrides(MethodHandles.lookup(), Base.class, "quiet", int.class);
    assertEquals("near 4", call(o.get(Near.class), new Near(), 4));
    assertNull(o.get(Stranger.class));
  }

  @Test
  void theMostSpecificDefaultMethodIsSelected() throws Throwable {
    Overrides o = new Overrides(MethodHandles.lookup(), Greeter.class, "hi");
    assertNull(o.get(Quiet.class));
    MethodHandle h = o.get(Shouter.class);
    assertEquals("loud", ((Future<?>) h.invokeExact((Greeter) new Shouter())).poll(null));
  }

  @Test
  void aPrivateClassIsFoundByNameAndItsReceiversPassedAsObjects() throws Throwable {
    Overrides o =
        new Overrides(
            MethodHandles.lookup(), Hidden.class.getName(), "whisper", new Class<?>[] {int.class});
    assertNull(o.of(new Hidden()));
    MethodHandle h = o.of(new Louder());
    assertEquals("louder 7", ((Future<?>) h.invokeExact((Object) new Louder(), 7)).poll(null));
  }

  @Test
  void classesTheFactoryCannotNameAreFoundByNameAndPassedAsObjects() throws Throwable {
    Overrides o =
        new Overrides(
            MethodHandles.lookup(), Keeper.class, "keep",
            new Object[] {Secret.class.getName(), Secret.class.getName() + "[]", int.class});
    assertNull(o.of(new Keeper()));
    Object s = new Secret("w");
    Object more = new Secret[2];
    MethodHandle plain = o.of(new PlainKeeper());
    assertEquals("plain keeper w23", ((Future<?>) plain.invokeExact((Keeper) new PlainKeeper(), s, (Object[]) more, 3)).poll(null));
    MethodHandle async = o.of(new AsyncKeeper());
    assertEquals("async keeper w24", ((Future<?>) async.invokeExact((Keeper) new AsyncKeeper(), s, (Object[]) more, 4)).poll(null));
  }
}
