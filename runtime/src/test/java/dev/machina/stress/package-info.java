/**
 * Seeded stress tests of the runtime: wakes racing completion and cancellation, channels,
 * Mutex/Semaphore/Notify with cancelled waiters, spawn storms on the work-stealing scheduler, and
 * timers racing completion, all on tasks written as hand-made state machines.
 *
 * <p>Each test runs rounds through {@link dev.machina.stress.StressRounds}: every random choice of
 * a round (thread and task counts, pauses, which waiters give up, which tasks are cancelled,
 * message counts) comes from the round's seed; a failing round reports its seed, and a round that
 * outlives its bound fails with the round's own state and a full thread dump. Reproduce with
 * {@code mvn -pl runtime test -Dtest=ChannelCancelStressTest -Dmachina.stress.seed=N
 * -Dmachina.stress.rounds=1} (thread interleavings still vary from run to run; rerunning a seed
 * replays its choices, not the scheduling). Raise {@code -Dmachina.stress.rounds} for a soak.
 * {@link dev.machina.stress.Tally} makes each test prove that the races it is about happened.
 */
package dev.machina.stress;
