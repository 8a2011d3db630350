# Shared by scripts/demo and scripts/replay (sourced, not run).
# Builds the jars once (Maven, tests skipped) and then runs Java mains straight from them,
# so later runs start without Maven.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/parallax.jar"
NATIVE_JAR="$ROOT/target/parallax-linux-x86_64.jar"
CLASSPATH_FILE="$ROOT/target/classpath.txt"

# Rebuilds when a jar is missing or a source (Java, JNI binding, C++, pom) is newer than it.
# PARALLAX_NO_BUILD=1 skips the check. When a rebuild of stale jars fails, the old jars are
# used, with a warning on stderr.
parallax_build_if_needed() {
  local stale=""
  if [[ ! -f "$JAR" || ! -f "$NATIVE_JAR" || ! -f "$CLASSPATH_FILE" ]]; then
    stale=missing
  elif [[ -n "${PARALLAX_NO_BUILD:-}" ]]; then
    return 0
  elif [[ -n "$(find "$ROOT/pom.xml" "$ROOT/java/src/main" "$ROOT/jni/src" "$ROOT/cpp/src" "$ROOT/cpp/CMakeLists.txt" "$ROOT/CMakeLists.txt" \
                 -newer "$NATIVE_JAR" -type f -print -quit 2>/dev/null)" ]]; then
    stale=yes
  fi
  if [[ -n "$stale" ]]; then
    echo "[parallax] building jars (mvn -DskipTests package)..." >&2
    if ! (cd "$ROOT" && mvn -B -q -ntp -DskipTests package) >&2; then
      if [[ "$stale" == missing ]]; then
        echo "[parallax] build failed" >&2
        exit 1
      fi
      echo "[parallax] WARNING: rebuild failed; running the previous jars" >&2
    fi
  fi
}

# parallax_java MAIN_CLASS ARGS...
parallax_java() {
  local main="$1"
  shift
  exec java --add-opens=java.base/java.nio=ALL-UNNAMED \
    -Dorg.bytedeco.javacpp.cachedir="$ROOT/target/javacpp-cache" \
    ${PARALLAX_JAVA_OPTS:-} \
    -cp "$JAR:$NATIVE_JAR:$(cat "$CLASSPATH_FILE")" "$main" "$@"
}
