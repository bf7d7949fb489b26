# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the benchmark scripts: source it, then use the functions below.

# min_median_max FORMAT: numbers on stdin, one per line -> "min median max", each printed
# with FORMAT (an awk printf conversion such as %.3f or %d).
min_median_max() {
    sort -g | awk -v f="$1" '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf f " " f " " f "\n", v[1], m, v[NR] }'
}

# stats FILE COLUMN FORMAT: min_median_max of one blank-separated column of FILE.
stats() { cut -d' ' -f"$2" "$1" | min_median_max "$3"; }
