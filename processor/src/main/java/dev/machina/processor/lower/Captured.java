package dev.machina.processor.lower;

/**
 * A reference to {@link #var} from inside a lambda or a class body: if the variable is a field,
 * the emitter copies it into a final local before the statement (the field may change or be
 * cleared later) and the reference names the copy.
 */
public record Captured(Var var) {}
