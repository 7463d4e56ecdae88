package dev.machina;

/** A future that is failed from the start. */
final class Failed<T> implements Future<T> {
  private final Throwable error;

  Failed(Throwable error) {
    this.error = error;
  }

  @Override
  public Object poll(Context cx) throws Throwable {
    throw error;
  }

  @Override
  public String toString() {
    return "Future.failed(" + error + ")";
  }
}
