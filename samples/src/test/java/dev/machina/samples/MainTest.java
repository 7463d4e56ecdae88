package dev.machina.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.samples.http.Site;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MainTest {
  @Test
  void theDemoCrawlsTheSampleSiteAndPointsAtTheGeneratedSources() throws Throwable {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Main.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("crawled " + Site.PAGES + " pages"), out);
    assertTrue(out.contains("/missing (status 404)"), out);
    assertTrue(out.contains("samples/target/generated-sources/annotations/dev/machina/samples/"), out);
  }
}
