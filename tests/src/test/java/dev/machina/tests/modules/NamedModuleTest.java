package dev.machina.tests.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.Future;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's named module: compiled by javac with the processor against the runtime jar on the
 * module path (module {@code dev.machina}, its Automatic-Module-Name), then run in a module layer.
 * The generated classes live in the user's packages and module, so {@code privateLookupIn} on the
 * user's classes needs no {@code opens}, and the override dispatch needs no {@code exports}.
 */
@Timeout(120)
class NamedModuleTest {
  private static final Map<String, String> SOURCES =
      Map.of(
          "module-info.java",
          "module shop {\n"
              + "  requires dev.machina;\n"
              + "  provides java.util.function.Supplier with shop.Main;\n"
              + "}\n",
          "shop/base/Item.java",
          "package shop.base;\n"
              + "public class Item {\n"
              + "  protected int stock = 5;\n"
              + "  protected String name() { return \"item\"; }\n"
              + "}\n",
          "shop/Cart.java",
          "package shop;\n"
              + "import static dev.machina.Await.await;\n"
              + "import dev.machina.Async;\n"
              + "import dev.machina.Future;\n"
              + "class Cart extends shop.base.Item {\n"
              + "  private int total;\n"
              + "  private static String tag(int n) { return \"#\" + n; }\n"
              + "  private String owner(String s) { return s + \"'s\"; }\n"
              + "  @Async Future<String> add(Future<Integer> f, Future<String> who) {\n"
              + "    total += await(f);\n"
              + "    stock--;\n"
              + "    String w = owner(await(who));\n"
              + "    return Future.ready(w + \" \" + name() + \" \" + tag(total) + \" \" + stock);\n"
              + "  }\n"
              + "  @Async Future<String> label() {\n"
              + "    return Future.ready(\"cart\" + await(Main.later(\"!\")));\n"
              + "  }\n"
              + "  @Async Future<String> describe() {\n"
              + "    return Future.ready(\"<\" + await(label()) + \">\");\n"
              + "  }\n"
              + "}\n",
          "shop/BigCart.java",
          "package shop;\n"
              + "import static dev.machina.Await.await;\n"
              + "import dev.machina.Async;\n"
              + "import dev.machina.Future;\n"
              + "class BigCart extends Cart {\n"
              + "  @Override @Async Future<String> label() {\n"
              + "    return Future.ready(\"big\" + await(Main.later(\"?\")));\n"
              + "  }\n"
              + "}\n",
          "shop/Main.java",
          "package shop;\n"
              + "import dev.machina.Context;\n"
              + "import dev.machina.Future;\n"
              + "import java.util.concurrent.Semaphore;\n"
              + "public final class Main implements java.util.function.Supplier<String> {\n"
              + "  /** A future pending on its first poll, woken from another thread. */\n"
              + "  static <T> Future<T> later(T v) {\n"
              + "    return new Future<T>() {\n"
              + "      volatile boolean done;\n"
              + "      public Object poll(Context cx) {\n"
              + "        if (done) return v;\n"
              + "        var w = cx.waker();\n"
              + "        new Thread(() -> { done = true; w.wake(); }).start();\n"
              + "        return PENDING;\n"
              + "      }\n"
              + "    };\n"
              + "  }\n"
              + "  static Object block(Future<?> f) throws Throwable {\n"
              + "    Semaphore woken = new Semaphore(0);\n"
              + "    Context cx = Context.of(woken::release);\n"
              + "    for (;;) {\n"
              + "      cx.resetBudget();\n"
              + "      Object r = f.poll(cx);\n"
              + "      if (r != Future.PENDING) return r;\n"
              + "      woken.acquire();\n"
              + "    }\n"
              + "  }\n"
              + "  public String get() {\n"
              + "    try {\n"
              + "      Cart c = new Cart();\n"
              + "      return block(CartAsync.add(c, later(3), later(\"ann\"))) + \" | \"\n"
              + "          + block(CartAsync.add(c, Future.ready(4), Future.ready(\"bob\"))) + \" | \"\n"
              + "          + block(CartAsync.describe(new Cart())) + \" | \"\n"
              + "          + block(CartAsync.describe(new BigCart())) + \" | \"\n"
              + "          + getClass().getModule().getName() + \" opens shop: \"\n"
              + "          + getClass().getModule().getDescriptor().opens().size();\n"
              + "    } catch (Throwable e) {\n"
              + "      throw new RuntimeException(e);\n"
              + "    }\n"
              + "  }\n"
              + "}\n");

  @Test
  void aNamedModuleNeedsNoOpensForPrivateAndProtectedMembersOrOverrides(@TempDir Path dir)
      throws Exception {
    Path runtime = runtimeJar(dir);
    assertEquals(
        "dev.machina",
        ModuleFinder.of(runtime).findAll().iterator().next().descriptor().name(),
        "the runtime's module name");
    Path src = dir.resolve("src");
    for (Map.Entry<String, String> e : SOURCES.entrySet()) {
      Path p = src.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    compile(src, classes, List.of(runtime));
    assertTrue(Files.exists(classes.resolve("shop/CartAsync.class")));

    ModuleFinder finder = ModuleFinder.of(runtime, classes);
    Configuration cf =
        ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of("shop"));
    ModuleLayer layer =
        ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    @SuppressWarnings("unchecked")
    Supplier<String> main = ServiceLoader.load(layer, Supplier.class).findFirst().orElseThrow();
    assertEquals("shop", main.getClass().getModule().getName());
    assertEquals(
        "ann's item #3 4 | bob's item #7 3 | <cart!> | <big?> | shop opens shop: 0", main.get());
  }

  private static final Map<String, String> ZOO =
      Map.of(
          "module-info.java",
          "module zoo {\n  requires transitive dev.machina;\n  exports zoo;\n}\n",
          "zoo/Animal.java",
          "package zoo;\n"
              + "import static dev.machina.Await.await;\n"
              + "import dev.machina.Async;\n"
              + "import dev.machina.Future;\n"
              + "public class Animal {\n"
              + "  public Animal() {}\n"
              + "  @Async protected Future<String> name() {\n"
              + "    return Future.ready(\"animal\" + await(Future.ready(\"\")));\n"
              + "  }\n"
              + "  @Async public Future<String> describe() {\n"
              + "    return Future.ready(\"<\" + await(name()) + \">\");\n"
              + "  }\n"
              + "}\n");

  private static Map<String, String> pets(String exports) {
    return Map.of(
        "module-info.java",
        "module pets {\n"
            + "  requires zoo;\n"
            + exports
            + "  provides java.util.function.Supplier with pets.Show;\n"
            + "}\n",
        "pets/Dog.java",
        "package pets;\n"
            + "import static dev.machina.Await.await;\n"
            + "import dev.machina.Async;\n"
            + "import dev.machina.Future;\n"
            + "class Dog extends zoo.Animal {\n"
            + "  @Override @Async protected Future<String> name() {\n"
            + "    return Future.ready(\"dog\" + await(Future.ready(\"!\")));\n"
            + "  }\n"
            + "}\n",
        "pets/Show.java",
        show("pets", "zoo.AnimalAsync.describe(new Dog())"));
  }

  /**
   * The {@code Supplier} service of a module's package {@code pkg}: polls {@code future} once and
   * gives its value, or the message of the {@code RuntimeException} it threw.
   */
  private static String show(String pkg, String future) {
    return "package " + pkg + ";\n"
        + "import dev.machina.Context;\n"
        + "import dev.machina.Future;\n"
        + "public final class Show implements java.util.function.Supplier<String> {\n"
        + "  public String get() {\n"
        + "    try {\n"
        + "      Future<String> f = " + future + ";\n"
        + "      return (String) f.poll(Context.of(dev.machina.Waker.noop()));\n"
        + "    } catch (RuntimeException e) {\n"
        + "      return e.getMessage();\n"
        + "    } catch (Throwable e) {\n"
        + "      throw new AssertionError(e);\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  /**
   * An {@code @Async} override in another module: the base module's generated class reads the
   * override's module by itself, and the override's module must export the package of its
   * generated factory to the base's module, as the error says.
   */
  @Test
  void anOverrideInAnotherModuleNeedsItsPackageExportedAndTheErrorSaysSo(@TempDir Path dir)
      throws Exception {
    Path runtime = runtimeJar(dir);
    Path zoo = Files.createDirectories(dir.resolve("zoo"));
    compile(write(dir.resolve("zoo-src"), ZOO), zoo, List.of(runtime));
    Path closed = Files.createDirectories(dir.resolve("pets-closed"));
    compile(write(dir.resolve("pets-closed-src"), pets("")), closed, List.of(runtime, zoo));
    assertEquals(
        "the @Async method zoo.Animal.name is overridden by pets.Dog.name, whose generated factory"
            + " pets.DogAsync is in a package module pets does not export to module zoo: add"
            + " \"exports pets to zoo;\" to the module-info.java of module pets",
        run(List.of(runtime, zoo, closed), "pets"));
    Path open = Files.createDirectories(dir.resolve("pets-open"));
    compile(
        write(dir.resolve("pets-open-src"), pets("  exports pets to zoo;\n")), open,
        List.of(runtime, zoo));
    assertEquals("<dog!>", run(List.of(runtime, zoo, open), "pets"));
  }

  private static final Map<String, String> KENNEL =
      Map.of(
          "module-info.java",
          "module kennel {\n  requires transitive dev.machina;\n  exports kennel;\n}\n",
          "kennel/Kennel.java",
          "package kennel;\n"
              + "public class Kennel {\n"
              + "  public Kennel() {}\n"
              + "  protected static final class Tag {\n"
              + "    private final String text;\n"
              + "    public Tag(String text) { this.text = text; }\n"
              + "    public String text() { return text; }\n"
              + "    public static Tag of(int n) { return new Tag(\"#\" + n); }\n"
              + "  }\n"
              + "  protected enum Size { SMALL, LARGE }\n"
              + "  protected interface Namer { String name(Tag t); }\n"
              + "  protected static String named(Namer n, Tag t) { return n.name(t); }\n"
              + "  protected Tag tag = new Tag(\"kennel\");\n"
              + "}\n");

  private static final Map<String, String> YARD =
      Map.of(
          "module-info.java",
          "module yard {\n  requires kennel;\n  provides java.util.function.Supplier with yard.Show;\n}\n",
          "yard/Yard.java",
          "package yard;\n"
              + "import static dev.machina.Await.await;\n"
              + "import dev.machina.Async;\n"
              + "import dev.machina.Future;\n"
              + "class Yard extends kennel.Kennel {\n"
              + "  private interface Twice { String of(String s); }\n"
              + "  @Async Future<String> label(Future<Integer> n) {\n"
              + "    Tag mine = Tag.of(await(n));\n"
              + "    Size size = await(n) > 2 ? Size.LARGE : Size.SMALL;\n"
              + "    Object any = await(Future.ready(tag));\n"
              + "    Twice twice = s -> s + s;\n"
              + "    String name = named(t -> twice.of(t.text()), mine);\n"
              + "    return Future.ready(mine.text() + \" \" + size + \" \" + (any instanceof Tag t ? t.text() : \"?\")\n"
              + "        + \" \" + await(Future.ready(name)));\n"
              + "  }\n"
              + "}\n",
          "yard/Show.java",
          show("yard", "YardAsync.label(new Yard(), Future.ready(3))"));

  /**
   * Protected nested types of a superclass in another module that opens nothing: the generated
   * class keeps their values as {@code Object} and looks them up through the user's class, which
   * Java lets use them (a lookup in the superclass or the type itself would need {@code opens}),
   * and makes lambdas of a protected and a private functional interface through it.
   */
  @Test
  void protectedNestedTypesOfASuperclassInAModuleThatOpensNothing(@TempDir Path dir) throws Exception {
    Path runtime = runtimeJar(dir);
    Path kennel = Files.createDirectories(dir.resolve("kennel"));
    compile(write(dir.resolve("kennel-src"), KENNEL), kennel, List.of(runtime));
    Path yard = Files.createDirectories(dir.resolve("yard"));
    compile(write(dir.resolve("yard-src"), YARD), yard, List.of(runtime, kennel));
    assertEquals("#3 LARGE kennel #3#3", run(List.of(runtime, kennel, yard), "yard"));
  }

  private static Path write(Path src, Map<String, String> sources) throws IOException {
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path p = src.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue());
    }
    return src;
  }

  /** Runs the {@code Supplier} service of module {@code root} in a new layer. */
  private static String run(List<Path> modulePath, String root) {
    ModuleFinder finder = ModuleFinder.of(modulePath.toArray(new Path[0]));
    Configuration cf =
        ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of(root));
    ModuleLayer layer =
        ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    @SuppressWarnings("unchecked")
    Supplier<String> main = ServiceLoader.load(layer, Supplier.class).findFirst().orElseThrow();
    return main.get();
  }

  private static void compile(Path src, Path classes, List<Path> modulePath) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
            javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8);
        Stream<Path> files = Files.walk(src)) {
      fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      fm.setLocationFromPaths(
          StandardLocation.SOURCE_OUTPUT, List.of(Files.createDirectories(src.resolveSibling("gen"))));
      fm.setLocationFromPaths(StandardLocation.MODULE_PATH, modulePath);
      List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, fm, diags, List.of("--release", "17", "-Xlint:all,-processing,-requires-automatic,-requires-transitive-automatic", "-Werror"),
              null, fm.getJavaFileObjectsFromPaths(sources));
      task.setProcessors(List.of(machinaProcessor()));
      boolean ok = task.call();
      StringBuilder messages = new StringBuilder();
      diags.getDiagnostics().forEach(d -> messages.append(d).append('\n'));
      assertTrue(ok, messages.toString());
    }
  }

  private static Processor machinaProcessor() {
    for (Processor p : ServiceLoader.load(Processor.class, NamedModuleTest.class.getClassLoader())) {
      if (p.getClass().getName().startsWith("dev.machina.")) {
        return p;
      }
    }
    throw new IllegalStateException("the Machina processor is not on the test class path");
  }

  /**
   * The runtime jar the build made (its manifest names the module), or, when the tests run
   * against the runtime's class directory, a jar of it with the same manifest entry.
   */
  private static Path runtimeJar(Path dir) throws IOException, URISyntaxException {
    Path where = Path.of(Future.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(where)) {
      try (JarFile jar = new JarFile(where.toFile())) {
        assertEquals(
            "dev.machina",
            jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
            "runtime/pom.xml sets the Automatic-Module-Name");
      }
      return where;
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Automatic-Module-Name", "dev.machina");
    Path jar = dir.resolve("machina-runtime.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, manifest);
        Stream<Path> files = Files.walk(where)) {
      List<Path> all = new ArrayList<>(files.filter(Files::isRegularFile).toList());
      for (Path f : all) {
        j.putNextEntry(new JarEntry(where.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, j);
        j.closeEntry();
      }
    }
    return jar;
  }
}
