package dev.machina.samples.crawl;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the links of an HTML page that stay on the page's own scheme, host and port. */
public final class Links {
  private static final Pattern HREF =
      Pattern.compile("href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);

  private Links() {}

  /**
   * The distinct same-origin http(s) links of {@code html}, resolved against {@code page}, without
   * fragments, in order of appearance; malformed links are skipped.
   */
  public static Set<URI> sameOrigin(URI page, String html) {
    Set<URI> found = new LinkedHashSet<>();
    Matcher m = HREF.matcher(html);
    while (m.find()) {
      String href = m.group(1) != null ? m.group(1) : m.group(2);
      URI link;
      try {
        link = withoutFragment(page.resolve(href.trim()));
      } catch (IllegalArgumentException malformed) {
        continue;
      }
      if (sameOrigin(page, link)) {
        found.add(link);
      }
    }
    return found;
  }

  /** {@code uri} without its fragment, with an empty path written as "/". */
  public static URI withoutFragment(URI uri) {
    try {
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + path + query);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static boolean sameOrigin(URI a, URI b) {
    String scheme = b.getScheme() == null ? "" : b.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https"))
        && scheme.equalsIgnoreCase(a.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b)
        && Objects.equals(a.getRawUserInfo(), b.getRawUserInfo());
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
