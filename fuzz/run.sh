#!/bin/sh
# Runs fuzz targets one after another, each for SECONDS, starting from the committed seeds
# and the local corpus; writes libFuzzer's output to logs/<target>.log and prints the final
# execution count of each. Usage, from the repository root or from fuzz/:
#   fuzz/run.sh SECONDS [TARGET...]      (no TARGET: every target)
set -eu
cd "$(dirname "$0")"
seconds=${1:?usage: run.sh SECONDS [TARGET...]}
shift
targets=${*:-$(cargo +nightly fuzz list)}
mkdir -p logs
for t in $targets; do
    mkdir -p "corpus/$t" "seeds/$t"
    echo "== $t ($seconds s)"
    status=0
    cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$seconds" -print_final_stats=1 >"logs/$t.log" 2>&1 || status=$?
    grep -E '^#[0-9]+ *DONE|stat::number_of_executed_units' "logs/$t.log" | tail -2
    if [ "$status" -ne 0 ]; then
        echo "   $t FAILED (exit $status): see fuzz/logs/$t.log and fuzz/artifacts/$t/"
        grep -E 'panicked at|SUMMARY|ERROR: libFuzzer' "logs/$t.log" | head -3
    fi
done
