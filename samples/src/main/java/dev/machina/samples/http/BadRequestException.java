package dev.machina.samples.http;

/** A request the server refuses before routing it, with the status code to answer. */
public final class BadRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** A refusal answered with {@code status} (400, 431, 505...) for the given reason. */
  public BadRequestException(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  /** The status code the server answers with before closing the connection. */
  public int status() {
    return status;
  }
}
