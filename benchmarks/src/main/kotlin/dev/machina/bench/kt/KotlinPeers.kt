// The Kotlin coroutine peers of B1-B6: plain suspend functions, and blocking bridges for Java.
@file:JvmName("KotlinPeers")

package dev.machina.bench.kt

import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.cancel
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.yield
import kotlin.time.Duration.Companion.nanoseconds

// ---- B1: await overhead ------------------------------------------------------------------------

/** Recursive Fibonacci where every call is a suspend call that completes without suspending. */
suspend fun fib(n: Int): Int = if (n < 2) n else fib(n - 1) + fib(n - 2)

/** B1 bridge: runs [fib] to completion on the calling thread. */
fun fibBlocking(n: Int): Int = runBlocking { fib(n) }

// ---- B2: spawn + join --------------------------------------------------------------------------

/** B2: starts [n] trivial `async` children on Dispatchers.Default and awaits each; returns their sum. */
fun spawnJoin(n: Int): Long =
    runBlocking(Dispatchers.Default) {
      val children = arrayOfNulls<Deferred<Int>>(n)
      for (i in 0 until n) children[i] = async { i and 1 }
      var sum = 0L
      for (child in children) sum += child!!.await()
      sum
    }

// ---- B3: ping-pong -----------------------------------------------------------------------------

/** B3: [n] round trips between two coroutines over two rendezvous channels on Dispatchers.Default. */
fun pingPong(n: Int): Long =
    runBlocking(Dispatchers.Default) {
      val ping = Channel<Int>()
      val pong = Channel<Int>()
      launch { repeat(n) { pong.send(ping.receive() + 1) } }
      var sum = 0L
      for (i in 0 until n) {
        ping.send(i)
        sum += pong.receive()
      }
      sum
    }

// ---- B4: idle memory ---------------------------------------------------------------------------

/** B4: [n] coroutines on Dispatchers.Default, each suspended on one shared CompletableDeferred. */
class IdleCoroutines(private val n: Int) {
  private val gate = CompletableDeferred<Unit>()
  private val scope = CoroutineScope(Dispatchers.Default)
  private val suspended = AtomicInteger()
  private val finished = AtomicInteger()
  private var jobs: Array<Job?> = arrayOfNulls(n)

  /** Launches the coroutines and returns once every one of them has reached its await. */
  fun start() {
    for (i in 0 until n) {
      jobs[i] =
          scope.launch {
            suspended.incrementAndGet()
            gate.await()
            finished.incrementAndGet()
          }
    }
    while (suspended.get() < n) Thread.sleep(1)
  }

  /** Completes the gate, waits for every coroutine to finish, and returns how many did. */
  fun release(): Int {
    gate.complete(Unit)
    runBlocking { for (job in jobs) job!!.join() }
    jobs = arrayOfNulls(0)
    scope.cancel()
    return finished.get()
  }
}

// ---- B5: wake depth ----------------------------------------------------------------------------

/** A chain of [depth] non-tail suspend calls whose innermost call yields [wakes] times. */
suspend fun nest(depth: Int, wakes: Int): Int =
    if (depth == 0) {
      repeat(wakes) { yield() }
      wakes
    } else {
      1 + nest(depth - 1, wakes)
    }

/** B5 bridge: runs [nest] on Dispatchers.Default, so each yield is a re-dispatch of the coroutine. */
fun nestBlocking(depth: Int, wakes: Int): Int = runBlocking(Dispatchers.Default) { nest(depth, wakes) }

// ---- B6: timers --------------------------------------------------------------------------------

/**
 * B6 lateness: one coroutine per entry of [delaysNanos] on Dispatchers.Default, each `delay`ing that
 * long; stores in [lateNanos] how long after its deadline each one resumed.
 */
fun sleeps(delaysNanos: LongArray, lateNanos: LongArray) {
  runBlocking(Dispatchers.Default) {
    for (i in delaysNanos.indices) {
      launch {
        val d = delaysNanos[i]
        val deadline = System.nanoTime() + d
        delay(d.nanoseconds)
        lateNanos[i] = System.nanoTime() - deadline
      }
    }
  }
}

/** B6 churn: [n] times, arms a 10 s `withTimeout` around a block that completes at once. */
fun timeoutChurn(n: Int): Long = runBlocking {
  var sum = 0L
  for (i in 0 until n) sum += withTimeout(10_000L) { i and 1 }
  sum
}
