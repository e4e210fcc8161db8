#!/bin/bash
# CPU by thread of running processes, from /proc (Linux): what a benchmark's threads spent.
#
#   bench/thread-cpu.sh sample 'simulate-year|temporal-test-server' /tmp/threads &   # every 3 s, until killed
#   bench/thread-cpu.sh sum /tmp/threads.<epoch>                                      # one snapshot, by thread
#
# A snapshot lists, for each thread of each matching process: pid, process, tid, thread name and
# its CPU in clock ticks (user + system). Threads that ended before a snapshot are not in it
# (the JVM's gRPC executors come and go): compare a process's total with its own accounting.
set -euo pipefail
case "${1:-}" in
  sample)
    pattern=$2 out=$3
    while true; do
      for pid in $(pgrep -f "$pattern" || true); do
        # Not this sampler (or its subshells): the pattern is on its own command line.
        grep -qa 'thread-cpu.sh' "/proc/$pid/cmdline" 2>/dev/null && continue
        for t in /proc/$pid/task/*; do
          stat=$(cat "$t/stat" 2>/dev/null) || continue
          rest=${stat##*) }
          set -- $rest
          echo "$pid $(cat /proc/$pid/comm 2>/dev/null) ${t##*/} $(cat $t/comm 2>/dev/null | tr ' ' _) $((${12} + ${13}))"
        done
      done > "$out.tmp"
      [ -s "$out.tmp" ] && mv "$out.tmp" "$out.$(date +%s)"
      sleep 3
    done
    ;;
  sum)
    ticks=$(getconf CLK_TCK)
    # Each thread of a second or more on its own line (Node names its main and worker threads
    # alike, "node"), the rest summed by process and thread name.
    awk -v hz="$ticks" '$5 >= hz { printf "%8.1f s  %s %s (tid %s)\n", $5 / hz, $2, $4, $3; next }
      { k = $2 " " $4 " (threads under 1 s)"; a[k] += $5 }
      END { for (k in a) if (a[k] > 0) printf "%8.1f s  %s\n", a[k] / hz, k }' "$2" | sort -rn
    ;;
  *)
    echo "usage: $0 sample <pgrep pattern> <output prefix> | $0 sum <snapshot>" >&2
    exit 2
    ;;
esac
