package dev.machina;

/** A future that is complete with a value from the start. */
final class Ready<T> implements Future<T> {
  private final T value;

  Ready(T value) {
    this.value = value;
  }

  @Override
  public Object poll(Context cx) {
    return value;
  }

  @Override
  public String toString() {
    return "Future.ready(" + value + ")";
  }
}
