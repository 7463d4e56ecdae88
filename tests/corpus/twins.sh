#!/usr/bin/env bash
# Gives many real methods of a library an @Async twin whose body awaits around real expressions
# (tests/corpus/Twins.java) and compiles the result with the processor on: every error in a
# generated file, every internal error and every error on user code that is not a documented
# limit (tests/FINDINGS.md F25, F30-F33) is a lowering bug. Not part of `mvn verify`: it
# downloads sources.
#
#   tests/corpus/twins.sh GROUP:ARTIFACT:VERSION [extra classpath] [Twins options]
#   tests/corpus/twins.sh org.apache.commons:commons-lang3:3.14.0 "" --seed 7 --density 1
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 tests/corpus/twins.sh org.jsoup:jsoup:1.17.2 "$JSPECIFY"
#
# PREPARE='cmd' runs cmd in the unpacked sources before anything else (to apply a documented
# limit's workaround, such as F33's local variable). PROCESSOR_CLASSES=dir uses a copy of the processor's classes (so that a rebuild does not disturb a run).
# CHECK=1 also compiles the twins without the processor first (a check of the tool: the twins
# must be valid Java by themselves). TWINNED_ONLY=1 compiles only the files holding twins, the
# others read from the library's jar (for big libraries with --only). MODULE=1 (with Twins option
# `--module yes`) compiles a named module with its module-info.java (MODULE_PATH=jars: the
# libraries its module-info requires, read as automatic modules). RELEASE=21 parses, twins and
# compiles the sources at --release 21 (default 17; 21 needs JAVA_HOME on a JDK of 21 or later,
# such as /usr/lib/jvm/temurin-25-jdk-amd64). Run from the repository root after
# `mvn -q -o -pl processor -am package -DskipTests`. Output: target/twins/<artifact>/.
set -euo pipefail
artifact=$1
extra_cp=${2:-}
shift $(( $# < 2 ? $# : 2 ))
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
work=target/twins/${artifact//:/_}
repo=$(pwd)
release=${RELEASE:-17}
IFS=: read -r group id version <<<"$artifact"
jar=~/.m2/repository/${group//.//}/$id/$version/$id-$version-sources.jar
[ -f "$jar" ] || mvn -q dependency:get -Dartifact="$artifact:jar:sources" -Dtransitive=false
rm -rf "$work" && mkdir -p "$work/src" "$work/out" "$work/gen"
(cd "$work/src" && unzip -q "$jar" -x 'META-INF/*')
# PREPARE='cmd' runs in the copied sources first (a documented limit's workaround, F33 in picocli).
if [ -n "${PREPARE:-}" ]; then (cd "$work/src" && eval "$PREPARE"); fi
# javadoc's snippet-files/ hold examples the library's build does not compile.
find "$work/src" -type d -name snippet-files -prune -exec rm -rf {} +
# Some libraries (commons-text) keep ISO-8859-1 sources; the tools read UTF-8.
find "$work/src" -name '*.java' | while read -r f; do
  iconv -f UTF-8 -t UTF-8 "$f" >/dev/null 2>&1 || { iconv -f ISO-8859-1 -t UTF-8 "$f" > "$f.u8" && mv "$f.u8" "$f"; }
done
cp="$repo/runtime/target/classes${extra_cp:+:$extra_cp}"
echo "== twins (the originals must compile: Twins attributes them)"
"$java" -Xmx3g tests/corpus/Twins.java "$work/src" "$work/twins" --cp "$cp" ${MODULE_PATH:+--module-path "$MODULE_PATH"} --list "$work/twins.txt" --release "$release" "$@"
find "$work/twins" -name '*.java' ! -name package-info.java ! -name module-info.java > "$work/files.txt"
# a package-info.java may declare types too (jooq's package-private ThrowingSupplier in org.jooq.impl)
find "$work/twins" -name package-info.java -exec grep -lE '^[[:space:]]*((public|final|abstract|sealed|non-sealed|static)[[:space:]]+)*(class|interface|enum|record|@interface)[[:space:]]' {} + >> "$work/files.txt" || true
modopts=()
if [ "${MODULE:-}" = 1 ]; then
  # A named module (Twins --module yes): compiled with its module-info, reading the runtime on the class path.
  mod=$(sed -n 's/^[[:space:]]*\(open[[:space:]]\+\)\?module[[:space:]]\+\([A-Za-z0-9_.]*\).*/\2/p' "$work/src/module-info.java" | head -1)
  echo "$work/twins/module-info.java" >> "$work/files.txt"
  modopts=(--add-reads "$mod=ALL-UNNAMED")
  # the libraries its module-info requires (jooq's jakarta.xml.bind, r2dbc.spi, ..), as automatic modules
  if [ -n "${MODULE_PATH:-}" ]; then modopts+=(--module-path "$MODULE_PATH"); fi
fi
if [ "${TWINNED_ONLY:-}" = 1 ]; then
  # Only the files with twins are compiled, the rest read from the library's jar (big libraries).
  bin=~/.m2/repository/${group//.//}/$id/$version/$id-$version.jar
  [ -f "$bin" ] || mvn -q dependency:get -Dartifact="$artifact" -Dtransitive=false
  cp="$cp:$bin"
  xargs grep -l '@dev.machina.Async' < "$work/files.txt" > "$work/twinned.txt" || true
  mv "$work/twinned.txt" "$work/files.txt"
fi
if [ "${CHECK:-}" = 1 ]; then
  echo "== the twins without the processor"
  "$javac" --release "$release" -nowarn -J-Xmx3g -proc:none -Xmaxerrs 1000 "${modopts[@]}" -cp "$cp" -d "$work/plain" @"$work/files.txt" 2>&1 | grep -E 'error' || true
fi
javapoet=$(find ~/.m2 -name 'javapoet-0.7.0.jar' | head -1)
echo "== the twins with the processor"
"$javac" --release "$release" -nowarn -J-Xmx3g -Xmaxerrs 5000 "${modopts[@]}" -cp "$cp" -processorpath "${PROCESSOR_CLASSES:-$repo/processor/target/classes}:$javapoet" \
  -s "$work/gen" -d "$work/out" @"$work/files.txt" > "$work/async.log" 2>&1 || true
grep -E 'error:|AssertionError|Exception in' "$work/async.log" | cut -c1-300 || true
echo "$(grep -c 'error:' "$work/async.log" || true) errors; $(find "$work/out" -name '*Async.class' | wc -l) generated classes compiled; log: $work/async.log"
