package dev.machina;

import java.util.concurrent.CompletionStage;

/**
 * The {@code await} markers used inside {@link Async} methods.
 *
 * <p>The annotation processor rewrites every {@code await(f)} in an {@code @Async} body into a
 * suspension point of the generated state machine, so these methods run only when the original
 * method is called directly instead of through its generated factory. They then throw
 * {@link IllegalStateException} naming the factory to call; they never block.
 */
public final class Await {
  private Await() {}

  /**
   * Inside an {@code @Async} body: suspends until {@code future} completes and returns its value,
   * or throws its failure as the original Throwable (checked ones included).
   */
  public static <T> T await(Future<T> future) {
    throw outsideMachine();
  }

  /**
   * Inside an {@code @Async} body: suspends until {@code stage} completes and returns its value,
   * or throws its failure unwrapped from {@code CompletionException}/{@code ExecutionException}.
   */
  public static <T> T await(CompletionStage<T> stage) {
    throw outsideMachine();
  }

  /**
   * Inside an {@code @Async} body: as {@link #await(Future)}, and declares that the future may fail
   * with the checked exception {@code failure}, so that a {@code catch (IOException e)} around the
   * await compiles (javac rejects a catch of a checked exception its try block cannot throw).
   * Pass a class literal, e.g. {@code await(http.get(url), IOException.class)}; it is not
   * evaluated at run time.
   */
  public static <T, X extends Throwable> T await(Future<T> future, Class<X> failure) throws X {
    throw outsideMachine();
  }

  /**
   * Inside an {@code @Async} body: as {@link #await(CompletionStage)}, declaring that the stage
   * may fail with the checked exception {@code failure} (a class literal).
   */
  public static <T, X extends Throwable> T await(CompletionStage<T> stage, Class<X> failure)
      throws X {
    throw outsideMachine();
  }

  private static IllegalStateException outsideMachine() {
    StackWalker.StackFrame caller =
        StackWalker.getInstance()
            .walk(frames -> frames.skip(2).findFirst().orElse(null));
    if (caller == null) {
      return new IllegalStateException(
          "await(...) ran outside a generated state machine; call the generated XxxAsync factory");
    }
    String cls = caller.getClassName();
    String simple = cls.substring(cls.lastIndexOf('.') + 1).replace('$', '_');
    String pkg = cls.lastIndexOf('.') < 0 ? "" : cls.substring(0, cls.lastIndexOf('.') + 1);
    return new IllegalStateException(
        "await(...) ran outside a generated state machine, in "
            + cls + "." + caller.getMethodName() + " (" + caller.getFileName() + ":"
            + caller.getLineNumber() + "). If that method is @Async, call "
            + pkg + simple + "Async." + caller.getMethodName() + "(...) instead (an instance "
            + "method takes the receiver as first argument); otherwise mark it @Async.");
  }
}
