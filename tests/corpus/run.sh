#!/usr/bin/env bash
# Compiles a library's sources with an @Async method added to every top-level class, with the
# processor on: what it does to code that compiles without it (javac attributes such classes
# twice; see tests/FINDINGS.md F25, F30-F33). Not part of `mvn verify`: it downloads sources.
#
#   tests/corpus/run.sh GROUP:ARTIFACT:VERSION [extra classpath]
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 tests/corpus/run.sh com.google.guava:guava:33.0.0-jre "$CP"
#
# Run from the repository root after `mvn -q -o -pl processor -am package -DskipTests`.
set -euo pipefail
artifact=$1
extra_cp=${2:-}
javac=${JAVA_HOME:+$JAVA_HOME/bin/}javac
work=target/corpus/${artifact//:/_}
repo=$(pwd)
mvn -q dependency:get -Dartifact="$artifact:jar:sources" -Dtransitive=false
IFS=: read -r group id version <<<"$artifact"
jar=~/.m2/repository/${group//.//}/$id/$version/$id-$version-sources.jar
rm -rf "$work" && mkdir -p "$work/src" "$work/plain" "$work/async" "$work/gen"
(cd "$work/src" && unzip -q "$jar")
python3 tests/corpus/inject_async.py "$work/src" "$work/injected"
find "$work/src" -name '*.java' ! -name package-info.java ! -name module-info.java > "$work/plain.txt"
find "$work/injected" -name '*.java' ! -name package-info.java ! -name module-info.java > "$work/async.txt"
javapoet=$(find ~/.m2 -name 'javapoet-0.7.0.jar' | head -1)
cp="$repo/runtime/target/classes${extra_cp:+:$extra_cp}"
echo "== plain javac, no @Async methods"
"$javac" --release 17 -nowarn -J-Xmx3g -proc:none -cp "$cp" -d "$work/plain" @"$work/plain.txt" 2>&1 | grep -E 'error|Exception' || true
echo "== with an @Async method in every class, processor on"
"$javac" --release 17 -nowarn -J-Xmx3g -cp "$cp" -processorpath "$repo/processor/target/classes:$javapoet" \
  -s "$work/gen" -d "$work/async" @"$work/async.txt" > "$work/async.log" 2>&1 || true
grep -E 'error:|AssertionError|Exception in' "$work/async.log" || true
echo "$(find "$work/async" -name '*Async.class' | wc -l) generated classes compiled; log: $work/async.log"
