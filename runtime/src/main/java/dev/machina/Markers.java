package dev.machina;

/** Unique marker objects shared by the runtime and generated code. */
final class Markers {
  static final Object PENDING = new Marker("PENDING");

  private Markers() {}

  /** A marker with a readable name, for debuggers. */
  private static final class Marker {
    private final String name;

    Marker(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
