package dev.machina;

/** The future of {@link Machina#yieldNow()}: pending once, after waking its task. */
final class YieldNow implements Future<Void> {
  private boolean yielded;

  @Override
  public Object poll(Context cx) {
    if (yielded) {
      return null;
    }
    yielded = true;
    cx.waker().wake();
    return PENDING;
  }

  @Override
  public String toString() {
    return "Machina.yieldNow()";
  }
}
