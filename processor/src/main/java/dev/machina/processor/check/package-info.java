/**
 * Checks before lowering: takes the round's compilation units and each {@code @Async} method
 * element, reports misuse (misplaced {@code await}, invalid {@code @Async} declarations, direct
 * calls that bypass the generated machines) through the shared
 * {@link dev.machina.processor.Reporter}, and tells the compiler which methods can be lowered.
 * Entry point: {@link dev.machina.processor.check.Checker}.
 */
package dev.machina.processor.check;
