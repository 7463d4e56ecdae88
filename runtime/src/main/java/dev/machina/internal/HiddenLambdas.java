package dev.machina.internal;

import java.lang.invoke.LambdaConversionException;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes instances of a functional interface that generated code cannot name (a private nested
 * interface of the user's class, or a protected one of another package) out of lambdas of the
 * arity interfaces below, which it can name.
 *
 * <p>Generated code writes a lambda or method reference of such an interface {@code I} as one of
 * {@link V2 V2&lt;A, B&gt;} (for {@code void m(A a, B b)}) or {@link F2 F2&lt;A, B, R&gt;} (for
 * {@code R m(A a, B b)}), with the same parameter types boxed, and passes it to {@link #of}. That
 * returns an {@code I} whose method calls the lambda's: a class {@link LambdaMetafactory} spins,
 * as javac's own code would for the lambda, but defined through the lookup of the user's class,
 * which may name {@code I}. The metafactory adapts the types (the primitives are unboxed, the
 * result cast), and bridges the other erasures of the method that {@code I} inherits.
 *
 * <p>The arity interfaces' methods throw {@link Throwable}, so the lambda may call handles;
 * whatever the body throws, the user's code could throw through {@code I} (javac checked it).
 */
public final class HiddenLambdas {
  /** A function of no argument. */
  public interface F0<R> {
    R apply() throws Throwable;
  }

  /** A function of one argument. */
  public interface F1<A, R> {
    R apply(A a) throws Throwable;
  }

  /** A function of two arguments. */
  public interface F2<A, B, R> {
    R apply(A a, B b) throws Throwable;
  }

  /** A function of three arguments. */
  public interface F3<A, B, C, R> {
    R apply(A a, B b, C c) throws Throwable;
  }

  /** A function of four arguments. */
  public interface F4<A, B, C, D, R> {
    R apply(A a, B b, C c, D d) throws Throwable;
  }

  /** A function of five arguments. */
  public interface F5<A, B, C, D, E, R> {
    R apply(A a, B b, C c, D d, E e) throws Throwable;
  }

  /** A function of six arguments. */
  public interface F6<A, B, C, D, E, F, R> {
    R apply(A a, B b, C c, D d, E e, F f) throws Throwable;
  }

  /** A procedure of no argument. */
  public interface V0 {
    void apply() throws Throwable;
  }

  /** A procedure of one argument. */
  public interface V1<A> {
    void apply(A a) throws Throwable;
  }

  /** A procedure of two arguments. */
  public interface V2<A, B> {
    void apply(A a, B b) throws Throwable;
  }

  /** A procedure of three arguments. */
  public interface V3<A, B, C> {
    void apply(A a, B b, C c) throws Throwable;
  }

  /** A procedure of four arguments. */
  public interface V4<A, B, C, D> {
    void apply(A a, B b, C c, D d) throws Throwable;
  }

  /** A procedure of five arguments. */
  public interface V5<A, B, C, D, E> {
    void apply(A a, B b, C c, D d, E e) throws Throwable;
  }

  /** A procedure of six arguments. */
  public interface V6<A, B, C, D, E, F> {
    void apply(A a, B b, C c, D d, E e, F f) throws Throwable;
  }

  /** The most parameters a functional interface's method may have here. */
  public static final int MAX_ARITY = 6;

  private static final Class<?>[] FUNCTIONS = {
    F0.class, F1.class, F2.class, F3.class, F4.class, F5.class, F6.class
  };

  private static final Class<?>[] PROCEDURES = {
    V0.class, V1.class, V2.class, V3.class, V4.class, V5.class, V6.class
  };

  /** Takes an instance of the arity interface and returns the {@code I} calling it: {@code (Object) Object}. */
  private final MethodHandle factory;

  private HiddenLambdas(MethodHandle factory) {
    this.factory = factory;
  }

  /**
   * The maker of lambdas of {@code iface}, whose abstract method {@code method} has the erased
   * type {@code erased}.
   *
   * @param caller a lookup with full privilege access in a class that can name {@code iface}
   *     (its nest, or a subclass for a protected one)
   */
  public static HiddenLambdas of(
      MethodHandles.Lookup caller, Class<?> iface, String method, MethodType erased)
      throws ReflectiveOperationException {
    int arity = erased.parameterCount();
    if (arity > MAX_ARITY) {
      throw new IllegalArgumentException(iface.getName() + "." + method + " takes " + arity
          + " parameters; at most " + MAX_ARITY + " are supported");
    }
    boolean procedure = erased.returnType() == void.class;
    Class<?> function = (procedure ? PROCEDURES : FUNCTIONS)[arity];
    MethodHandle apply =
        MethodHandles.publicLookup()
            .findVirtual(
                function,
                "apply",
                procedure
                    ? MethodType.genericMethodType(arity).changeReturnType(void.class)
                    : MethodType.genericMethodType(arity));
    List<MethodType> bridges = bridges(iface, method, erased);
    List<Object> args =
        new ArrayList<>(List.of(erased, apply, erased, LambdaMetafactory.FLAG_BRIDGES, bridges.size()));
    args.addAll(bridges);
    try {
      MethodHandle target =
          LambdaMetafactory.altMetafactory(
                  caller, method, MethodType.methodType(iface, function), args.toArray())
              .getTarget();
      return new HiddenLambdas(target.asType(MethodType.methodType(Object.class, Object.class)));
    } catch (LambdaConversionException e) {
      throw new IllegalArgumentException("cannot implement " + iface.getName() + "." + method, e);
    }
  }

  /**
   * The erased types of the other abstract methods of {@code iface} named {@code method} with as
   * many parameters (declared by superinterfaces with other type arguments), which the lambda's
   * class must implement too.
   */
  private static List<MethodType> bridges(Class<?> iface, String method, MethodType erased) {
    List<MethodType> bridges = new ArrayList<>();
    for (Method m : iface.getMethods()) {
      if (!Modifier.isAbstract(m.getModifiers())
          || !m.getName().equals(method)
          || m.getParameterCount() != erased.parameterCount()) {
        continue;
      }
      MethodType t = MethodType.methodType(m.getReturnType(), m.getParameterTypes());
      if (!t.equals(erased) && !bridges.contains(t)) {
        bridges.add(t);
      }
    }
    return bridges;
  }

  /**
   * An instance of the interface calling {@code function}, an instance of the arity interface
   * of its method ({@link V2} or {@link F2} for two parameters).
   */
  public Object of(Object function) {
    try {
      return factory.invokeExact(function);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new UndeclaredThrowableException(e);
    }
  }
}
