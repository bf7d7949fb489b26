# SPDX-License-Identifier: GPL-3.0-or-later
# EchoPilot's processes on the demo host: gunicorn and the scheduler, kept in a state
# file as "pid start command". They are never real processes, so ps and pkill on the
# demo host can show and "kill" them without touching anything on this machine.

PROCESSES="$STATE/processes"

init_processes() {
    [ -f "$PROCESSES" ] && return
    {
        echo "2114 Nov19 /usr/bin/python3 /usr/local/bin/gunicorn -w 4 -b 0.0.0.0:5000 run:app"
        echo "2131 Nov19 /usr/bin/python3 /usr/local/bin/gunicorn -w 4 -b 0.0.0.0:5000 run:app"
        echo "2132 Nov19 /usr/bin/python3 /usr/local/bin/gunicorn -w 4 -b 0.0.0.0:5000 run:app"
        echo "2133 Nov19 /usr/bin/python3 /usr/local/bin/gunicorn -w 4 -b 0.0.0.0:5000 run:app"
        echo "2134 Nov19 /usr/bin/python3 /usr/local/bin/gunicorn -w 4 -b 0.0.0.0:5000 run:app"
        echo "2140 Nov19 /usr/bin/python3 exec_scheduler.py"
    } >"$PROCESSES"
}
