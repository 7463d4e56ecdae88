package dev.machina.sync;

/** A link of a {@link WaitQueue}: the waiting future itself, so queuing a waiter allocates nothing. */
abstract class WaitNode {
  WaitNode prev;
  WaitNode next;
  boolean queued;
}
