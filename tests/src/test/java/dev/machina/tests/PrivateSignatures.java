package dev.machina.tests;

import static dev.machina.Await.await;

import dev.machina.Async;
import dev.machina.Future;
import dev.machina.tests.support.Src;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code @Async} methods whose signatures name private nested types: the factories take them as
 * their erasures and return {@code Future<R>}, R inferred by the caller.
 */
public final class PrivateSignatures {
  private record Page(String name, int n) {}

  private static final class Book {
    private final List<Page> pages = new ArrayList<>();

    @Async
    Future<Page> add(Src s, Page p) {
      Page kept = new Page(p.name(), p.n() + await(s.val(1)));
      pages.add(kept);
      return Future.ready(kept);
    }
  }

  /** An overridable method: its factory dispatches to the override by the record's binary name. */
  static class Shelf {
    @Async
    Future<Page> pick(Src s, Page p) {
      return Future.ready(new Page("shelf " + p.name(), await(s.val(p.n()))));
    }
  }

  private static final class Fancy extends Shelf {
    @Override
    @Async
    Future<Page> pick(Src s, Page p) {
      Page base = await(PrivateSignatures_ShelfAsync.pick$super(this, s, p));
      return Future.ready(new Page("fancy " + base.name(), base.n() + 1));
    }
  }

  private final String tag;

  private PrivateSignatures(String tag) {
    this.tag = tag;
  }

  @Async
  private Future<Page> page(Src s, String name) {
    return Future.ready(new Page(tag + name, await(s.val(name.length()))));
  }

  @Async
  static Future<List<Page>> scaled(Src s, List<Page> in, Page... more) {
    int k = await(s.val(10));
    List<Page> out = new ArrayList<>(in);
    for (Page p : more) {
      out.add(new Page(p.name(), p.n() * k));
    }
    return Future.ready(out);
  }

  /** Awaits each: a private method's, a static one's, a private class's and an overridable one's machine. */
  @Async
  static Future<String> run(Src s) {
    PrivateSignatures owner = new PrivateSignatures("t");
    Page a = await(owner.page(s, "ab"));
    List<Page> all = await(scaled(s, List.of(a), new Page("c", 3)));
    Book book = new Book();
    Page added = await(PrivateSignatures_BookAsync.add(book, s, all.get(1)));
    Page shelved = await(new Shelf().pick(s, a));
    Page fancy = await(((Shelf) new Fancy()).pick(s, a));
    return Future.ready(a + " " + all + " " + added + " " + book.pages.size() + " " + shelved + " " + fancy);
  }

  /** Plain code of the nest: the factories' result types are inferred from the targets. */
  static String plain(Src s) throws Throwable {
    Future<Page> f = PrivateSignaturesAsync.page(new PrivateSignatures("p"), s, "xyz");
    Page p = dev.machina.tests.support.Drive.block(f);
    List<Page> l = dev.machina.tests.support.Drive.block(PrivateSignaturesAsync.scaled(s, List.of(p)));
    return p + " " + l;
  }
}
