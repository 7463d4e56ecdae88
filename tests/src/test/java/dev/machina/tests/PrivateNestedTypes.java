package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;

/**
 * Values of private nested types in {@code @Async} bodies (FINDINGS F59): a record, a class and
 * an enum the generated class cannot name, created, kept across awaits, in an array, compared and
 * switched over.
 */
public final class PrivateNestedTypes {
  private PrivateNestedTypes() {}

  private record Line(String item, int qty, int unitPrice) implements Comparable<Line> {
    int total() {
      return qty * unitPrice;
    }

    @Override
    public int compareTo(Line o) {
      return Integer.compare(total(), o.total());
    }
  }

  private enum Status {
    OPEN, PAID, SHIPPED;

    Status next() {
      return values()[Math.min(ordinal() + 1, 2)];
    }
  }

  private static final class Ledger {
    private int balance;
    private final StringBuilder log = new StringBuilder();

    void post(Line l) {
      balance += l.total();
      log.append(l.item()).append(';');
    }

    @Override
    public String toString() {
      return log + "=" + balance;
    }
  }

  /** An order: its lines posted to a ledger while its status advances, one await per line. */
  @Async
  static Future<String> order(Src s) {
    Line apple = new Line("apple", await(s.val(2)), 3);
    Line pear = new Line("pear", 1, await(s.val(5)));
    Line[] lines = {apple, pear};
    Ledger ledger = new Ledger();
    Status status = Status.OPEN;
    for (Line l : lines) {
      ledger.post(l);
      status = status.next();
      await(s.val(0));
    }
    Line biggest = apple.compareTo(pear) >= 0 ? apple : pear;
    String phase = switch (status) {
      case OPEN -> "open";
      case PAID -> "paid" + await(s.val(1));
      case SHIPPED -> "shipped";
    };
    return Future.ready(ledger + " " + biggest.item() + " " + phase + " " + lines.length
        + " " + (status == Status.SHIPPED) + " " + lines.getClass().getSimpleName());
  }
}
