#!/usr/bin/env bash
# Quick mode: every figure of BENCHMARKS.md (B1-B8 and idle CPU) in under ten minutes.
# Usage (from anywhere):  benchmarks/run-quick.sh          # builds, then runs everything
#   SKIP_BUILD=1 benchmarks/run-quick.sh                   # reuse benchmarks/target/benchmarks.jar
#   ONLY="jmh interleaved b4 b6 b7 b8 idle" benchmarks/run-quick.sh    # pick parts
# Output: benchmarks/target/quick/ (jmh.json, jmh.txt, standalone.txt, summary.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/quick
ONLY="${ONLY:-jmh interleaved b4 b6 b7 b8 idle}"
# Every peer on two worker threads; see dev.machina.bench.Jvm.
POOLS="-Djdk.virtualThreadScheduler.parallelism=2 -Dkotlinx.coroutines.scheduler.core.pool.size=2"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  # clean: an incremental build keeps generated sources that a changed processor would now write
  # differently (they then call runtime methods that may be gone). The modules are named rather
  # than taken with -am, which would also clean the root's target/ (the twins campaigns' trees).
  mvn -q -DskipTests -pl runtime,processor,benchmarks clean package
fi
mkdir -p "$OUT"
FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
EXCLUDE=()
if [ "$FEATURE" -lt 21 ]; then
  echo "JDK $FEATURE has no virtual threads: skipping those peers"
  EXCLUDE=(-e 'virtualThread')
fi
has() { [[ " $ONLY " == *" $1 "* ]]; }
: > "$OUT/standalone.txt"
note() { echo "$*" | tee -a "$OUT/standalone.txt"; }

if has jmh; then
  # B1, B2, B3, B5 and the B6 churn, all peers in one run, with allocation per op.
  "$JAVA" -jar "$JAR" 'B[12356]' "${EXCLUDE[@]}" -f 1 -wi 2 -w 2s -i 3 -r 1s -prof gc \
    -rf json -rff "$OUT/jmh.json" 2>&1 | tee "$OUT/jmh.txt" | grep -E '^(Benchmark|B[0-9])' || true
fi

if has interleaved; then
  # B1-B3 and B5 again, peers interleaved round by round; best and median rounds.
  "$JAVA" -Xmx3g $POOLS -cp "$JAR" dev.machina.bench.Interleaved 20 | tee -a "$OUT/standalone.txt"
fi

if has b4; then
  for peer in machina kotlin virtual-threads; do
    if [ "$peer" = virtual-threads ] && [ "$FEATURE" -lt 21 ]; then continue; fi
    note "$("$JAVA" -XX:+UseSerialGC -Xmx4g $POOLS -cp "$JAR" dev.machina.bench.B4IdleMemory "$peer" 1000000)"
  done
fi

if has b6; then
  # 1M is the figure; 100k shows timer precision when the sleepers do not saturate the CPUs.
  for n in 1000000 100000; do
    for peer in machina stpe netty kotlin; do
      note "$("$JAVA" -Xmx3g $POOLS -cp "$JAR" dev.machina.bench.B6TimerLateness "$peer" "$n")"
    done
  done
fi

if has b7; then
  if ! command -v wrk > /dev/null; then
    note "B7 skipped: wrk not installed (apt-get install -y wrk)"
  else
    # All servers up at once (an idle server costs nothing), loads interleaved in two rounds so
    # that the machine's changing load hits every server alike.
    declare -A PORT=([machina]=18080 [netty]=18081 [virtual-threads]=18082)
    declare -A MAIN=([machina]=B7MachinaHello [netty]=B7NettyHello [virtual-threads]=B7VirtualThreadHello)
    SERVERS=(machina netty)
    if [ "$FEATURE" -ge 21 ]; then SERVERS+=(virtual-threads); fi
    PIDS=()
    for name in "${SERVERS[@]}"; do
      "$JAVA" -Xmx1g $POOLS -cp "$JAR" "dev.machina.bench.${MAIN[$name]}" "${PORT[$name]}" > "$OUT/b7-$name.log" 2>&1 &
      PIDS+=($!)
    done
    for name in "${SERVERS[@]}"; do
      for _ in $(seq 100); do grep -q listening "$OUT/b7-$name.log" && break; sleep 0.1; done
      wrk -t1 -c64 -d2s "http://127.0.0.1:${PORT[$name]}/" > /dev/null # warm-up
    done
    for round in 1 2; do
      for c in 64 1000; do
        for name in "${SERVERS[@]}"; do
          rps=$(wrk -t1 -c$c -d4s "http://127.0.0.1:${PORT[$name]}/" | tee -a "$OUT/b7-$name.log" | sed -n 's/^Requests\/sec: *//p')
          note "B7 http-hello peer=$name connections=$c round=$round requests-per-sec=$rps"
        done
      done
    done
    kill "${PIDS[@]}"; wait "${PIDS[@]}" 2> /dev/null || true
  fi
fi

if has b8; then
  note "$("$JAVA" -cp "$JAR" dev.machina.bench.B8CompileTime benchmarks/target/b8-processor 5)"
  note "$("$JAVA" -cp "$JAR" dev.machina.bench.B8ColdCompile benchmarks/target/b8-processor 5)"
fi

if has idle; then
  note "$("$JAVA" -cp "$JAR" dev.machina.bench.IdleCpu 5)"
fi

python3 benchmarks/summarize.py "$OUT" > "$OUT/summary.md" && cat "$OUT/summary.md"
