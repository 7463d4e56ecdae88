package dev.machina.sync;

/**
 * A link of a {@link WaitQueue}: the waiting future itself, so queuing a waiter allocates nothing.
 *
 * <p>Two reference fields and no flag: a node is queued exactly when it has a predecessor or is
 * its queue's head (see {@link WaitQueue#remove}), which keeps every waiting future small.
 */
abstract class WaitNode {
  WaitNode prev;
  WaitNode next;
}
