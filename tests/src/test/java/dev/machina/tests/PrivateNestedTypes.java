package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;

/**
 * Values of private nested types in {@code @Async} bodies (FINDINGS F59): a record, a class and
 * an enum the generated class cannot name, created, kept across awaits, in an array, compared and
 * switched over; tested with type patterns, a private exception thrown and caught across awaits,
 * a private resource closed.
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

  private static final class Refused extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    final int code;

    Refused(String message, int code) {
      super(message);
      this.code = code;
    }
  }

  private static final class Till implements AutoCloseable {
    private final StringBuilder log;

    Till(StringBuilder log) {
      this.log = log;
      log.append("open;");
    }

    void ring(int total) {
      log.append("ring").append(total).append(';');
    }

    @Override
    public void close() {
      log.append("close;");
    }
  }

  /** What {@link #checkout} scans: lines, and things that are not. */
  static Object[] basket(int k) {
    return k == 0
        ? new Object[] {new Line("apple", 3, 2), "bag", new Line("pear", 1, 5)}
        : new Object[] {Status.PAID, new Line("crate", 50, 3)};
  }

  /**
   * A checkout: type patterns over what is scanned (one binding in scope after the {@code if}
   * that throws), a private exception thrown and caught across awaits, a private resource.
   */
  @Async
  static Future<String> checkout(Src s, Object[] scanned) {
    StringBuilder log = new StringBuilder();
    int total = 0;
    try (Till till = new Till(log)) {
      for (Object o : scanned) {
        try {
          if (!(o instanceof Line l)) {
            throw new Refused("not a line: " + o, await(s.val(1)));
          }
          total += l.total() + await(s.val(0));
          if (o instanceof Line big && big.qty() > 2) {
            log.append(big.item()).append('x').append(big.qty()).append(';');
          }
        } catch (Refused r) {
          log.append(r.getMessage()).append('#').append(r.code + await(s.val(1))).append(';');
        }
      }
      Object first = scanned[0];
      String kind = first instanceof Status st ? st.name() : first instanceof Line fl ? fl.item() : "none";
      log.append(kind).append(';');
      till.ring(total);
      if (total > 100) {
        throw new Refused("too much", total);
      }
    } catch (Refused r) {
      return Future.ready(log + "refused " + r.code);
    }
    return Future.ready(log + "total " + total);
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
