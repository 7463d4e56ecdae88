#!/bin/bash
# B7 in rounds: Machina servers from one or more jars (say, before and after a change), Netty and
# virtual threads, all started at once, loads interleaved round by round at 64 and 1000
# connections. Prints one line of requests/s per round and connection count.
#   benchmarks/b7-rounds.sh ROUNDS SECONDS label=path/to/benchmarks.jar [label=jar ...]
# Netty and virtual threads run from the first jar. Needs wrk and JDK 25 (JAVA_HOME).
set -u
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
POOLS="-Djdk.virtualThreadScheduler.parallelism=2 -Dkotlinx.coroutines.scheduler.core.pool.size=2"
ROUNDS=$1; SECONDS_PER_LOAD=$2; shift 2
LOGS=$(mktemp -d)
declare -A PORT MAINCLASS JAR
NAMES=()
port=18180
for spec in "$@"; do
  label=${spec%%=*}
  NAMES+=("$label"); PORT[$label]=$port; MAINCLASS[$label]=B7MachinaHello; JAR[$label]=${spec#*=}
  port=$((port + 1))
done
first=${JAR[${NAMES[0]}]}
NAMES+=(netty vt)
PORT[netty]=$port; MAINCLASS[netty]=B7NettyHello; JAR[netty]=$first
PORT[vt]=$((port + 1)); MAINCLASS[vt]=B7VirtualThreadHello; JAR[vt]=$first
PIDS=()
for n in "${NAMES[@]}"; do
  "$JAVA" -Xmx1g $POOLS -cp "${JAR[$n]}" "dev.machina.bench.${MAINCLASS[$n]}" "${PORT[$n]}" > "$LOGS/$n.log" 2>&1 &
  PIDS+=($!)
done
trap 'kill "${PIDS[@]}" 2> /dev/null; wait 2> /dev/null' EXIT
for n in "${NAMES[@]}"; do
  for _ in $(seq 100); do grep -q listening "$LOGS/$n.log" && break; sleep 0.1; done
  for c in 64 1000; do wrk -t1 -c$c -d2s "http://127.0.0.1:${PORT[$n]}/" > /dev/null; done # warm-up
done
for r in $(seq "$ROUNDS"); do
  for c in 64 1000; do
    line="round=$r connections=$c"
    for n in "${NAMES[@]}"; do
      rps=$(wrk -t1 -c$c -d"${SECONDS_PER_LOAD}s" "http://127.0.0.1:${PORT[$n]}/" | sed -n 's/^Requests\/sec: *//p')
      line="$line $n=$rps"
    done
    echo "$line load=$(cut -d' ' -f1 /proc/loadavg)"
  done
done
