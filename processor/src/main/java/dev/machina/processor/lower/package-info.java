/**
 * Lower stage. In: a parsed {@link dev.machina.processor.parse.AsyncMethod}. Out: a
 * {@link dev.machina.processor.lower.MachineModel}: the body as basic blocks (one state each)
 * of code fragments, jumps and suspensions, try regions with their handlers, the variables that
 * live across suspensions (hoisted to fields) and the handles for private members. No JavaPoet
 * here: fragments use JavaPoet's format syntax with model objects as arguments, which the emit
 * stage resolves.
 */
package dev.machina.processor.lower;
