package dev.machina.samples.http;

/**
 * The pages the HTTP sample serves: a small fixed site whose pages link to each other (so the
 * crawler has something to walk), a plain-text hello for load generators, and 404 for the rest.
 *
 * <p>{@code /} links to {@code /hello}, {@code /about}, the chapters {@code /docs/1} to
 * {@code /docs/N} (each linking to its neighbours and back home), a missing page and a page on
 * another host; so a crawl from {@code /} finds {@code N + 3} pages on this host and one 404.
 */
public final class Site {
  /** How many {@code /docs/i} chapters the site has. */
  public static final int CHAPTERS = 6;

  /** Number of distinct pages with status 200 reachable from {@code /}. */
  public static final int PAGES = CHAPTERS + 3;

  private static final String HTML = "text/html; charset=utf-8";

  private Site() {}

  /** The response to {@code request}, which has already passed {@link RequestParser}'s checks. */
  public static HttpResponse respond(HttpRequest request) {
    String method = request.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return HttpResponse.error(405, "this server only answers GET and HEAD").allowing("GET, HEAD");
    }
    if (request.hasBody()) {
      return HttpResponse.error(413, "this server accepts no request body").closing();
    }
    String path = request.path();
    switch (path) {
      case "/":
        return HttpResponse.ok(HTML, page("Machina sample site",
            "<ul>"
                + "<li><a href=\"/hello\">hello</a></li>"
                + "<li><a href=\"/about\">about</a></li>"
                + "<li><a href=\"/docs/1\">docs</a></li>"
                + "<li><a href=\"/missing\">a page that does not exist</a></li>"
                + "<li><a href=\"https://example.com/\">another host</a></li>"
                + "</ul>"));
      case "/hello":
        return HttpResponse.ok("text/plain; charset=utf-8", "Hello, world!\n");
      case "/about":
        return HttpResponse.ok(HTML, page("About",
            "<p>Served by an <code>@Async</code> state machine per connection."
                + " <a href=\"/\">home</a></p>"));
      default:
        int chapter = chapterOf(path);
        if (chapter > 0) {
          return HttpResponse.ok(HTML, chapterPage(chapter));
        }
        return HttpResponse.error(404, "no page at " + path);
    }
  }

  private static int chapterOf(String path) {
    if (!path.startsWith("/docs/") || path.length() != "/docs/".length() + 1) {
      return -1;
    }
    int n = path.charAt(path.length() - 1) - '0';
    return n >= 1 && n <= CHAPTERS ? n : -1;
  }

  private static String chapterPage(int n) {
    StringBuilder links = new StringBuilder("<p><a href=\"/\">home</a>");
    if (n > 1) {
      links.append(" <a href=\"/docs/").append(n - 1).append("\">previous</a>");
    }
    if (n < CHAPTERS) {
      links.append(" <a href=\"/docs/").append(n + 1).append("#top\">next</a>");
    }
    links.append("</p>");
    return page("Chapter " + n, links.toString());
  }

  private static String page(String title, String content) {
    return "<!doctype html><html><head><title>" + title + "</title></head><body><h1>" + title
        + "</h1>" + content + "</body></html>\n";
  }
}
