package dev.machina.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the generated factory of an overridable {@code @Async} instance method sends a receiver
 * whose class is not the declaring class: computed once per receiver class, {@code null} when
 * the most-derived declaration is the {@code @Async} method itself (build its machine), else a
 * handle of type {@code (Declaring, parameters...) Future}: the generated factory of an
 * {@code @Async} override (found by the generated-class naming convention and {@link
 * AsyncFactory}), or a virtual call of the method for a plain override.
 *
 * <p>The most-derived declaration follows the JVM's selection (JVMS 5.4.6) for what Java code can
 * declare: the nearest class declaring an overriding method (a package-private method is only
 * overridden from its own runtime package), else the maximally specific default method among the
 * receiver's interfaces.
 */
public final class Overrides extends ClassValue<MethodHandle> {
  private final MethodHandles.Lookup lookup;
  private final Class<?> declaring;
  private final String name;
  /** The method's erased parameter types. */
  private final Class<?>[] parameters;
  /**
   * The type of the handles {@link #of} returns: the receiver, then the parameters as the
   * generated factory takes them ({@code Object} for a class it cannot name).
   */
  private final MethodType type;
  private final Method own;

  /**
   * @param lookup the generated class's lookup (it can call the method and other generated
   *     factories)
   * @param declaring the class or interface declaring the {@code @Async} method
   * @param name the method's name
   * @param parameters the method's erased parameter types
   */
  public Overrides(
      MethodHandles.Lookup lookup, Class<?> declaring, String name, Class<?>... parameters) {
    this(lookup, declaring, name, (Object[]) parameters);
  }

  /**
   * As {@link #Overrides(MethodHandles.Lookup, Class, String, Class...)}, where a parameter type
   * may be given as the binary name of a class the generated factory cannot name, which it takes
   * as an {@code Object} ({@code "p.Outer$Item"}; {@code "p.Outer$Item[]"}, taken as an {@code
   * Object[]}).
   */
  public Overrides(
      MethodHandles.Lookup lookup, Class<?> declaring, String name, Object... parameters) {
    this.lookup = lookup;
    this.declaring = declaring;
    this.name = name;
    this.parameters = new Class<?>[parameters.length];
    Class<?>[] written = new Class<?>[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i] instanceof Class<?> c) {
        this.parameters[i] = c;
        written[i] = c;
      } else {
        String n = (String) parameters[i];
        int dims = 0;
        for (; n.endsWith("[]"); n = n.substring(0, n.length() - 2)) {
          dims++;
        }
        Class<?> c = find(lookup, n);
        Class<?> w = Object.class;
        for (int d = 0; d < dims; d++) {
          c = c.arrayType();
          w = w.arrayType();
        }
        this.parameters[i] = c;
        written[i] = w;
      }
    }
    try {
      this.own = declaring.getDeclaredMethod(name, this.parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(declaring.getName() + " declares no " + name, e);
    }
    // the generated factory passes a receiver of a private class as an Object: it cannot name it
    Class<?> receiver = Modifier.isPrivate(declaring.getModifiers()) ? Object.class : declaring;
    this.type = MethodType.methodType(own.getReturnType(), written).insertParameterTypes(0, receiver);
  }

  /**
   * As {@link #Overrides(MethodHandles.Lookup, Class, String, Class...)}, for a private class
   * the generated code cannot name: found by its binary name through {@code lookup}. The
   * handles {@link #of} returns then take the receiver as an {@code Object}.
   */
  public Overrides(
      MethodHandles.Lookup lookup, String declaring, String name, Class<?>... parameters) {
    this(lookup, find(lookup, declaring), name, (Object[]) parameters);
  }

  /** As the constructor above, with parameter types given as classes or binary names. */
  public Overrides(
      MethodHandles.Lookup lookup, String declaring, String name, Object... parameters) {
    this(lookup, find(lookup, declaring), name, parameters);
  }

  private static Class<?> find(MethodHandles.Lookup lookup, String binaryName) {
    try {
      return lookup.findClass(binaryName);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot find " + binaryName, e);
    }
  }

  /**
   * Where a call on {@code receiver} goes: {@code null} for a receiver of exactly the declaring
   * class (one compare, no lookup) or one whose most-derived declaration is the {@code @Async}
   * method itself, else the override's handle (see the class comment). The generated factory's
   * whole prologue is this call and, when it returns a handle, one {@code invokeExact}.
   */
  public MethodHandle of(Object receiver) {
    Class<?> k = receiver.getClass();
    return k == declaring ? null : get(k);
  }

  @Override
  protected MethodHandle computeValue(Class<?> receiver) {
    Method found = mostDerived(receiver);
    if (found == null || found.getDeclaringClass() == declaring) {
      return null;
    }
    Method factory = factoryOf(found);
    try {
      if (factory == null) {
        MethodType declared = MethodType.methodType(own.getReturnType(), parameters);
        return lookup.findVirtual(declaring, name, declared).asType(type);
      }
      readModuleOf(factory.getDeclaringClass());
      return lookup.unreflect(factory).asType(type);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(accessAdvice(factory, found, e), e);
    } catch (Throwable e) {
      throw new IllegalStateException(
          "cannot call " + found + ", which overrides the @Async method " + own
              + ", from the generated code of " + declaring.getName() + ": " + e, e);
    }
  }

  /**
   * Makes the generated class's module read the module of an override's factory (a module
   * overriding {@code @Async} methods of another requires it, so the reverse edge is missing):
   * {@code Module.addReads} is caller-sensitive, and a handle to it from the generated class's
   * full-privilege lookup acts for that class's module.
   */
  private void readModuleOf(Class<?> generated) throws Throwable {
    Module from = lookup.lookupClass().getModule();
    Module to = generated.getModule();
    if (from.isNamed() && !from.canRead(to)) {
      MethodHandle addReads =
          lookup.findVirtual(
              Module.class, "addReads", MethodType.methodType(Module.class, Module.class));
      Module unused = (Module) addReads.invokeExact(from, to);
    }
  }

  /** Says which line of which module-info.java makes the override's factory callable. */
  private String accessAdvice(Method factory, Method found, IllegalAccessException e) {
    String what =
        "the @Async method " + own.getDeclaringClass().getName() + "." + name + " is overridden by "
            + found.getDeclaringClass().getName() + "." + name;
    if (factory == null) {
      return what + ", which the generated class cannot call: " + e.getMessage();
    }
    Module from = lookup.lookupClass().getModule();
    Module to = factory.getDeclaringClass().getModule();
    String pkg = factory.getDeclaringClass().getPackageName();
    if (to.isNamed() && from != to && !to.isExported(pkg, from)) {
      return what + ", whose generated factory " + factory.getDeclaringClass().getName()
          + " is in a package module " + to.getName() + " does not export to "
          + (from.isNamed() ? "module " + from.getName() : "the unnamed module")
          + ": add \"exports " + pkg + (from.isNamed() ? " to " + from.getName() : "")
          + ";\" to the module-info.java of module " + to.getName();
    }
    return what + ", whose generated factory the generated class cannot call: " + e.getMessage();
  }

  /** The declaration a virtual call on a {@code receiver} selects, or {@code null}. */
  private Method mostDerived(Class<?> receiver) {
    for (Class<?> k = receiver; k != null; k = k.getSuperclass()) {
      Method m = declaredOverride(k);
      if (m != null) {
        return m;
      }
      if (k == declaring) {
        return own;
      }
    }
    List<Method> defaults = new ArrayList<>();
    for (Class<?> i : interfaces(receiver)) {
      if (declaring.isAssignableFrom(i)) {
        Method m = declaredOverride(i);
        if (m != null) {
          defaults.add(m);
        }
      }
    }
    Method best = null;
    for (Method m : defaults) {
      boolean shadowed = false;
      for (Method other : defaults) {
        Class<?> o = other.getDeclaringClass();
        shadowed |= o != m.getDeclaringClass() && m.getDeclaringClass().isAssignableFrom(o);
      }
      if (!shadowed) {
        if (best != null) {
          return null; // ambiguous: javac made the class override it, so this cannot happen
        }
        best = m;
      }
    }
    return best == null || Modifier.isAbstract(best.getModifiers()) ? null : best;
  }

  /** The method of {@code k} overriding the {@code @Async} one (the bridge's target), or null. */
  private Method declaredOverride(Class<?> k) {
    Method m;
    try {
      m = k.getDeclaredMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      return null;
    }
    int mods = m.getModifiers();
    if (Modifier.isStatic(mods) || Modifier.isPrivate(mods)) {
      return null;
    }
    int ownMods = own.getModifiers();
    boolean packagePrivate =
        !Modifier.isPublic(ownMods) && !Modifier.isProtected(ownMods);
    if (packagePrivate
        && (k.getClassLoader() != declaring.getClassLoader()
            || !k.getPackageName().equals(declaring.getPackageName()))) {
      return null;
    }
    return m.isBridge() ? bridged(k, m) : m;
  }

  /** The method a bridge of {@code k} calls: same name, parameters it casts to. */
  private static Method bridged(Class<?> k, Method bridge) {
    for (Method m : k.getDeclaredMethods()) {
      if (!m.isBridge() && m.getName().equals(bridge.getName())
          && m.getParameterCount() == bridge.getParameterCount()
          && bridge.getReturnType().isAssignableFrom(m.getReturnType())) {
        Class<?>[] p = m.getParameterTypes();
        Class<?>[] b = bridge.getParameterTypes();
        boolean fits = true;
        for (int i = 0; i < p.length; i++) {
          fits &= b[i].isAssignableFrom(p[i]);
        }
        if (fits) {
          return m;
        }
      }
    }
    return bridge;
  }

  /** Every interface {@code c} implements, directly or not. */
  private static Set<Class<?>> interfaces(Class<?> c) {
    Set<Class<?>> out = new LinkedHashSet<>();
    Deque<Class<?>> work = new ArrayDeque<>();
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      work.addAll(Arrays.asList(k.getInterfaces()));
    }
    while (!work.isEmpty()) {
      Class<?> i = work.poll();
      if (out.add(i)) {
        work.addAll(Arrays.asList(i.getInterfaces()));
      }
    }
    return out;
  }

  /**
   * The factory generated for {@code m} if it is an {@code @Async} method: {@code
   * pkg.Outer_InnerAsync.name(Owner self, parameters...)} marked {@link AsyncFactory}.
   */
  private static Method factoryOf(Method m) {
    Class<?> owner = m.getDeclaringClass();
    StringBuilder simple = new StringBuilder(owner.getSimpleName());
    for (Class<?> e = owner.getEnclosingClass(); e != null; e = e.getEnclosingClass()) {
      simple.insert(0, e.getSimpleName() + "_");
    }
    String pkg = owner.getPackageName();
    String generated = (pkg.isEmpty() ? "" : pkg + ".") + simple + "Async";
    try {
      Class<?> g = Class.forName(generated, false, owner.getClassLoader());
      Class<?>[] p = m.getParameterTypes();
      Class<?>[] withSelf = new Class<?>[p.length + 1];
      withSelf[0] = owner;
      System.arraycopy(p, 0, withSelf, 1, p.length);
      if (Modifier.isPrivate(owner.getModifiers())) {
        withSelf[0] = Object.class; // the factory cannot name a private class
      }
      Method f;
      try {
        f = g.getMethod(m.getName(), withSelf);
      } catch (NoSuchMethodException e) {
        f = writtenFactory(g, m.getName(), withSelf);
      }
      return f != null && Modifier.isStatic(f.getModifiers()) && f.isAnnotationPresent(AsyncFactory.class)
          ? f
          : null;
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /**
   * The factory of {@code g} for a method whose erased parameters (the receiver first) are
   * {@code declared}, where the factory takes some as {@code Object} (or {@code Object[]}): the
   * classes its generated class cannot name. Of the factories that accept them, the one that
   * takes the most of them as they are (the processor refuses factories whose written
   * parameters clash); null if none.
   */
  private static Method writtenFactory(Class<?> g, String name, Class<?>[] declared) {
    Method best = null;
    int bestExact = -1;
    for (Method f : g.getMethods()) {
      Class<?>[] p = f.getParameterTypes();
      if (!f.getName().equals(name) || p.length != declared.length
          || !f.isAnnotationPresent(AsyncFactory.class)) {
        continue;
      }
      int exact = 0;
      boolean accepts = true;
      for (int i = 0; i < p.length && accepts; i++) {
        accepts = p[i].isAssignableFrom(declared[i]);
        exact += p[i] == declared[i] ? 1 : 0;
      }
      if (accepts && exact > bestExact) {
        best = f;
        bestExact = exact;
      }
    }
    return best;
  }

  /** Throws {@code e} unchanged (the generated factory cannot declare what an override throws). */
  public static RuntimeException rethrow(Throwable e) {
    throw Overrides.<RuntimeException>sneaky(e);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
