# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the demo host's stand-in commands (sourced, POSIX sh).
#
# The sandbox is laid out like the real hosts, so absolute paths the runbooks use
# (/opt/bot-core, /tmp/logs, ...) are read as paths on the simulated host and mapped into
# the sandbox. Anything else outside the sandbox is refused: a stand-in never reads or
# writes the machine the demo runs on.

SANDBOX=$(cd "$(dirname "$0")/.." && pwd -P)
STATE="$SANDBOX/var/lib/demo"
# Inside a stand-in the plain tools are meant, not the sandbox's wrappers of them.
PATH=/usr/local/bin:/usr/bin:/bin
mkdir -p "$STATE"

# Folders of the simulated host that exist in the sandbox.
HOST_PREFIXES="/opt/bot-core /opt/echopilot /tmp/logs /var/lib/mongodb /var/log"

refuse() {
    echo "$(basename "$0"): refused: $1 is outside the demo host's sandbox ($SANDBOX)." >&2
    echo "The demo's commands act only inside the sandbox." >&2
    exit 126
}

inside() {
    case "$1" in
        "$SANDBOX" | "$SANDBOX"/*) return 0 ;;
    esac
    return 1
}

# Prints the sandbox path for argument $1 (relative to the current folder or absolute on
# the simulated host), or refuses it. A pattern the shell left unexpanded because the
# folder does not exist outside the sandbox is expanded here, inside it.
map_path() {
    p=$1
    case "$p" in
        /*) ;;
        *) p="$PWD/$p" ;;
    esac
    resolved=$(realpath -m -- "$p")
    if ! inside "$resolved"; then
        mapped=""
        for prefix in $HOST_PREFIXES; do
            case "$resolved" in
                "$prefix" | "$prefix"/*) mapped="$SANDBOX$resolved" ;;
            esac
        done
        [ -n "$mapped" ] || refuse "$1"
        resolved=$(realpath -m -- "$mapped")
        inside "$resolved" || refuse "$1"
    fi
    # Symbolic links inside the sandbox must not lead out of it.
    if [ -e "$resolved" ]; then
        real=$(realpath -e -- "$resolved")
        inside "$real" || refuse "$1"
    fi
    printf '%s\n' "$resolved"
}

# The current folder must be in the sandbox too: relative paths are resolved against it.
require_sandbox_cwd() {
    here=$(pwd -P)
    inside "$here" || refuse "the current folder $here"
}

now_iso() { date -u +%Y-%m-%dT%H:%M:%S.000+0000; }

# Runs the real tool $1 with the remaining arguments, paths mapped into the sandbox.
# With skip_pattern=1 the first operand is a pattern (grep), not a path; value_options
# lists the options whose next argument is a value, not a path.
run_mapped() {
    tool=$1
    shift
    operand=0
    after_dashdash=0
    expect_value=0
    for arg do
        shift
        if [ "$expect_value" = 1 ]; then
            expect_value=0
            set -- "$@" "$arg"
            continue
        fi
        if [ "$after_dashdash" = 0 ]; then
            case "$arg" in
                --) after_dashdash=1; set -- "$@" "$arg"; continue ;;
                -?*)
                    case " ${value_options:-} " in
                        *" $arg "*) expect_value=1 ;;
                    esac
                    # grep's pattern given as an option: every operand is then a path.
                    case "$arg" in
                        -e | -f) [ "${skip_pattern:-0}" = 1 ] && operand=1 ;;
                    esac
                    set -- "$@" "$arg"
                    continue ;;
            esac
        fi
        operand=$((operand + 1))
        if [ "${skip_pattern:-0}" = 1 ] && [ "$operand" = 1 ]; then
            set -- "$@" "$arg"
            continue
        fi
        mapped=$(map_path "$arg") || exit 126
        case "$arg" in
            /*)
                case "$mapped" in
                    *'*'* | *'?'* | *'['*)
                        if [ ! -e "$mapped" ]; then
                            # The pattern is expanded inside the sandbox (paths have no spaces).
                            for expanded in $mapped; do
                                set -- "$@" "$expanded"
                            done
                            continue
                        fi ;;
                esac
                set -- "$@" "$mapped" ;;
            *) set -- "$@" "$arg" ;;
        esac
    done
    # ls without operands lists the current folder, which must be in the sandbox then.
    [ "$tool" = ls ] && [ "$operand" = 0 ] && require_sandbox_cwd
    for dir in /usr/bin /bin; do
        if [ -x "$dir/$tool" ]; then
            exec "$dir/$tool" "$@"
        fi
    done
    echo "$tool: not found on this machine" >&2
    exit 127
}
