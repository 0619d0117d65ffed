# Step bookkeeping for scripts/test.sh and scripts/release-check.sh (sourced):
#   step NAME CMD...   runs CMD, counts it passed or failed, goes on
#   must NAME CMD...   the same, but stops (finish) when it failed
#   finish             prints the failures and "steps: N passed, M failed", exits
passed=0 failed=0 failures=()
step() {
  local name=$1; shift
  echo
  echo "==> $name"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "--- ok: $name ($((SECONDS - t0))s)"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "--- FAILED: $name ($((SECONDS - t0))s)"
  fi
}
must() { local before=$failed; step "$@"; ((failed == before)) || finish; }
finish() {
  echo
  ((failed)) && printf 'failed: %s\n' "${failures[@]}"
  echo "steps: $passed passed, $failed failed"
  exit $((failed > 0))
}
