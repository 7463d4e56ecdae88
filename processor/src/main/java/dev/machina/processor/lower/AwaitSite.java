package dev.machina.processor.lower;

/** Where an await stands in the source: file, line and the text of the await expression. */
public record AwaitSite(String file, long line, String source) {
  /** {@code File.java:12}. */
  public String location() {
    return file + ":" + line;
  }
}
