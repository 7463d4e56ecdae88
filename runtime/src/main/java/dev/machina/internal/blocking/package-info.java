/**
 * The bounded, elastic thread pool behind {@code Machina.spawnBlocking}: threads on demand up to
 * a limit, a FIFO queue beyond it, idle threads retired after a keep-alive.
 */
package dev.machina.internal.blocking;
