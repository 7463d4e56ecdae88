import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.*;

/**
 * Runs the public static methods of compiled classes and their {@code @Async} twins (written by
 * tests/corpus/Twins.java, compiled with the processor) on the same generated arguments, and
 * reports where the results, the thrown exceptions or the arguments afterwards differ.
 *
 * <pre>
 * java -cp OUT:runtime/target/classes tests/corpus/TwinDiff.java [--calls N] [--seed S] CLASS...
 * </pre>
 *
 * The original {@code m(args)} is called directly, the twin as {@code Machina.blockOn(
 * OwnerAsync.m$Owner(args))} ({@code Outer_InnerAsync.m$Outer_Inner} for a nested class). Methods with a parameter type that has no pool of values are
 * skipped; so are methods whose name says they are random ({@code random}, {@code shuffle}).
 */
public class TwinDiff {

  public static void main(String[] args) throws Throwable {
    int calls = 40;
    long seed = 1;
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--calls" -> calls = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> classes.add(args[i]);
      }
    }
    Method blockOn = Class.forName("dev.machina.Machina").getMethod("blockOn", Class.forName("dev.machina.Future"));
    Totals t = new Totals();
    for (String name : classes) {
      Class<?> c;
      try {
        c = Class.forName(name);
      } catch (ClassNotFoundException e) {
        System.out.println(name + ": not found");
        continue;
      }
      String flat = c.getSimpleName();
      for (Class<?> o = c.getEnclosingClass(); o != null; o = o.getEnclosingClass()) flat = o.getSimpleName() + "_" + flat;
      String pkg = c.getPackageName();
      String generated = (pkg.isEmpty() ? "" : pkg + ".") + flat + "Async";
      Class<?> async;
      try {
        async = Class.forName(generated);
      } catch (ClassNotFoundException e) {
        System.out.println(name + ": no " + generated);
        continue;
      }
      Method[] methods = c.getDeclaredMethods();
      Arrays.sort(methods, Comparator.comparing(Method::toGenericString));
      for (Method m : methods) {
        if (!Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers()) || m.getName().contains("$")) continue;
        String lower = m.getName().toLowerCase(Locale.ROOT);
        if (lower.contains("random") || lower.contains("shuffle")) continue;
        m.setAccessible(true);
        Method factory;
        try {
          factory = async.getMethod(m.getName() + "$" + flat, m.getParameterTypes());
        } catch (NoSuchMethodException e) {
          t.noTwin++;
          continue;
        }
        if (!Values.supported(m.getParameterTypes())) {
          t.unsupported++;
          continue;
        }
        t.methods++;
        Random r = new Random(seed * 31 + m.toGenericString().hashCode());
        Set<String> tried = new HashSet<>();
        for (int k = 0; k < calls * 3 && tried.size() < calls; k++) {
          long argSeed = r.nextLong();
          Object[] a1 = Values.arguments(m.getParameterTypes(), new Random(argSeed));
          if (!tried.add(Values.show(a1))) continue;
          Object[] a2 = Values.arguments(m.getParameterTypes(), new Random(argSeed));
          String shown = Values.show(a1);
          Outcome plain = Outcome.of(() -> m.invoke(null, a1));
          Outcome twin = Outcome.of(() -> blockOn.invoke(null, factory.invoke(null, a2)));
          t.calls++;
          if (plain.threw) t.threw++;
          String afterPlain = Values.show(a1), afterTwin = Values.show(a2);
          boolean same = plain.sameAs(twin);
          if (!same && !plain.threw && !twin.threw) {
            // an equals that does not hold between two runs of the original (jackson-core's
            // Name.equals is identity: names are canonical) cannot tell: compared as printed
            Object[] a3 = Values.arguments(m.getParameterTypes(), new Random(argSeed));
            Outcome again = Outcome.of(() -> m.invoke(null, a3));
            if (!again.threw && !plain.sameAs(again)) same = plain.shownAs(twin);
          }
          if (!same || !afterPlain.equals(afterTwin)) {
            t.diverged++;
            System.out.println("DIVERGES " + m.toGenericString() + "\n  args " + shown
                + "\n  plain " + plain + " args after " + afterPlain
                + "\n  twin  " + twin + " args after " + afterTwin);
          }
        }
      }
    }
    System.out.printf("%d methods compared (%d without a twin, %d with parameters of no pool), %d calls"
        + " (%d threw), %d divergences%n", t.methods, t.noTwin, t.unsupported, t.calls, t.threw, t.diverged);
  }

  /** Counts of one run. */
  static final class Totals {
    int methods, noTwin, unsupported, calls, threw, diverged;
  }

  /** A call's result or exception. */
  static final class Outcome {
    boolean threw;
    Object value;

    interface Call {
      Object run() throws Throwable;
    }

    static Outcome of(Call call) {
      Outcome o = new Outcome();
      try {
        o.value = call.run();
      } catch (Throwable e) {
        while (e instanceof InvocationTargetException ite && ite.getCause() != null) e = ite.getCause();
        o.threw = true;
        o.value = e;
      }
      return o;
    }

    boolean sameAs(Outcome other) {
      if (threw != other.threw) return false;
      if (threw) {
        Throwable a = (Throwable) value, b = (Throwable) other.value;
        // helpful NullPointerException messages name the code's variables: the class must match
        return a.getClass() == b.getClass()
            && (a instanceof NullPointerException || Objects.equals(noTrace(a.getMessage()), noTrace(b.getMessage())));
      }
      // A class with its own equals is compared by it: hppc's hash containers print their
      // elements in an order drawn anew for each iteration.
      if (value != null && other.value != null && value.getClass() == other.value.getClass()
          && !value.getClass().isArray() && ownEquals(value.getClass())) {
        try {
          return value.equals(other.value);
        } catch (RuntimeException e) {
          // an equals that throws (vavr's TreeMap with a null key): compared as printed below
        }
      }
      return shownAs(other);
    }

    boolean shownAs(Outcome other) {
      // toString()s that print an identity hash (protobuf's <ByteString@13d9cbf5 size=3 ..>)
      return noHash(Values.show(value)).equals(noHash(Values.show(other.value)));
    }

    static boolean ownEquals(Class<?> c) {
      try {
        return c.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
      } catch (NoSuchMethodException e) {
        return false;
      }
    }

    static String noHash(String s) {
      return s.replaceAll("@[0-9a-f]{5,8}\\b", "@");
    }

    /** A message without the stack trace some libraries put in it (javaparser's "Problem stacktrace :"), */
    static String noTrace(String m) {
      // and the helpful NullPointerException message a wrapping exception copies (bcprov's Hex.decode)
      return m == null ? null : m.replaceAll("(?m)^\\s+(at )?[\\w$./]+\\(([\\w$.]+\\.java:\\d+|Native Method|Unknown Source)\\)\\s*$", "")
          .replaceAll("because \"[^\"]*\" is null", "because .. is null").replaceAll("\\s+", " ");
    }

    @Override
    public String toString() {
      return threw ? "threw " + value : "returned " + Values.show(value);
    }
  }

  /** Pools of argument values by parameter type, and a deterministic text of values. */
  static final class Values {
    static final Map<Class<?>, Object[]> POOLS = new HashMap<>();

    static {
      Object[] strings = {null, "", " ", "abc", "a b\tc", "AbC", "aaa", "x,y,,z", "\u00dfe\u20ac\uD83D\uDE00", "123", "-4.5", "abcabc"};
      POOLS.put(String.class, strings);
      POOLS.put(CharSequence.class, strings);
      POOLS.put(Object.class, new Object[] {null, "a", 1, "abc", 2.5});
      POOLS.put(Comparable.class, new Object[] {null, "a", "b"});
      POOLS.put(int.class, new Object[] {0, 1, -1, 2, 3, 5, 10});
      POOLS.put(Integer.class, new Object[] {null, 0, 1, -1, 7});
      POOLS.put(long.class, new Object[] {0L, 1L, -1L, 3L, 1L << 40});
      POOLS.put(Long.class, new Object[] {null, 0L, 5L});
      POOLS.put(short.class, new Object[] {(short) 0, (short) 1, (short) -3});
      POOLS.put(byte.class, new Object[] {(byte) 0, (byte) 1, (byte) -3});
      POOLS.put(char.class, new Object[] {'a', ' ', ',', 'Z', '1', '\u00df'});
      POOLS.put(Character.class, new Object[] {null, 'a', ' '});
      POOLS.put(boolean.class, new Object[] {true, false});
      POOLS.put(Boolean.class, new Object[] {null, true, false});
      POOLS.put(double.class, new Object[] {0.0, -1.5, 2.25, Double.NaN, 1e10});
      POOLS.put(Double.class, new Object[] {null, 0.0, -1.5});
      POOLS.put(float.class, new Object[] {0f, -1.5f, 2.25f});
      POOLS.put(Float.class, new Object[] {null, 0f, 2.5f});
      POOLS.put(Locale.class, new Object[] {null, Locale.ROOT, Locale.US});
    }

    static boolean supported(Class<?>[] types) {
      for (Class<?> c : types) {
        if (!supported(c)) return false;
      }
      return true;
    }

    static boolean supported(Class<?> c) {
      return POOLS.containsKey(c) || (c.isArray() && supported(c.getComponentType()));
    }

    static Object[] arguments(Class<?>[] types, Random r) {
      Object[] a = new Object[types.length];
      for (int i = 0; i < types.length; i++) a[i] = value(types[i], r);
      return a;
    }

    static Object value(Class<?> c, Random r) {
      if (c.isArray()) {
        int n = r.nextInt(6);
        if (n == 0) return null;
        Object arr = Array.newInstance(c.getComponentType(), n - 1);
        for (int i = 0; i < n - 1; i++) {
          Object v = value(c.getComponentType(), r);
          if (v == null && c.getComponentType().isPrimitive()) continue;
          Array.set(arr, i, c.getComponentType().isInstance(v) || v == null || c.getComponentType().isPrimitive() ? v : null);
        }
        return arr;
      }
      Object[] pool = POOLS.get(c);
      return pool[r.nextInt(pool.length)];
    }

    static String show(Object v) {
      if (v == null) return "null";
      if (v.getClass().isArray()) {
        StringBuilder b = new StringBuilder(v.getClass().getComponentType().getSimpleName()).append("[");
        for (int i = 0; i < Array.getLength(v); i++) b.append(i == 0 ? "" : ", ").append(show(Array.get(v, i)));
        return b.append("]").toString();
      }
      if (v instanceof Object[] || v instanceof CharSequence || v instanceof Number || v instanceof Character
          || v instanceof Boolean || v instanceof Collection || v instanceof Map || v instanceof Locale || v instanceof Enum) {
        try {
          return v.getClass().getSimpleName() + ":" + v;
        } catch (RuntimeException e) {
          // a collection left broken by its arguments (fastutil's IntArrayList.wrap(a, -1))
          return v.getClass().getSimpleName() + " whose toString threw " + e.getClass().getName();
        }
      }
      try {
        if (v.getClass().getMethod("equals", Object.class).getDeclaringClass() != Object.class) {
          return v.getClass().getSimpleName() + ":" + v;
        }
      } catch (NoSuchMethodException e) {
        throw new AssertionError(e);
      } catch (RuntimeException e) {
        // a toString that throws (vavr's PriorityQueue of a null, compared when printed)
        return v.getClass().getSimpleName() + ": toString threw " + e.getClass().getName();
      }
      return kind(v.getClass()) + "@(identity)";
    }

    /**
     * A class by name; an anonymous or local class by what it extends and implements, since the
     * twin's copy is declared in the generated machine (jts's {@code OverlayEdge.nodeComparator()}).
     */
    static String kind(Class<?> c) {
      // A lambda's class is hidden and named after the class that holds it: the twin's is in
      // the machine (RoaringBitmap's RoaringIntPacking.unsignedComparator()).
      boolean lambda = c.isSynthetic() || c.isHidden() || c.getName().contains("$$Lambda");
      if (!c.isAnonymousClass() && !c.isLocalClass() && !lambda) return c.getName();
      StringBuilder b = new StringBuilder(lambda ? "lambda " : c.isAnonymousClass() ? "anonymous " : "local ").append(c.getSuperclass().getName());
      for (Class<?> i : c.getInterfaces()) b.append(" & ").append(i.getName());
      return b.toString();
    }
  }
}
