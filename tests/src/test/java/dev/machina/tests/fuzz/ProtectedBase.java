package dev.machina.tests.fuzz;

/**
 * The superclass of every generated program, whose classes live in other packages: its protected
 * nested types mirror the programs' private {@code Pv}, {@code Acc}, {@code Lvl}, {@code Pe} and
 * {@code Pf} (with {@code pfApply}),
 * and the generated class (in the program's package, but no subclass) cannot name them either.
 * The generator writes a private-types block with these names one time in two.
 */
public class ProtectedBase {
  /** {@code Pv}'s mirror. */
  protected record Qv(int x, String s) implements Comparable<Qv> {
    /** Public, as the subclasses create it; a record's implicit constructor would be protected. */
    public Qv {}

    public static Qv of(int x) {
      return new Qv(x, "q" + x);
    }

    public int sum() {
      return x + s.length();
    }

    public static int mix(int x, Qv p) {
      return x - p.sum();
    }

    @Override
    public int compareTo(Qv o) {
      return Integer.compare(x, o.x);
    }
  }

  /** {@code Pf}'s mirror. */
  protected interface Qf {
    int f(int x, Qv p);
  }

  /** {@code pfApply}'s mirror. */
  protected static int qfApply(Qf g, int x) {
    return g.f(x, Qv.of(x));
  }

  /** {@code Acc}'s mirror. */
  protected static class Qacc {
    private int n;

    public Qacc() {}

    public int add(int d) {
      n += d;
      return n;
    }

    @Override
    public String toString() {
      return "Qacc" + n;
    }
  }

  /** {@code Pe}'s mirror. */
  protected static class Qe extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    public final int code;

    public Qe(int code) {
      super("qe" + code);
      this.code = code;
    }
  }

  /** {@code Lvl}'s mirror. */
  protected enum Qlvl {
    LO,
    MID,
    HI;

    public int w() {
      return ordinal() * 2 + 1;
    }
  }
}
