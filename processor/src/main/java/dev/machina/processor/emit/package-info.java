/**
 * Emit stage. In: the {@link dev.machina.processor.lower.MachineModel}s of one class. Out: the
 * {@code FooAsync} source file, written through the Filer by
 * {@link dev.machina.processor.emit.SourceFileWriter} (the only JavaPoet users are here).
 */
package dev.machina.processor.emit;
