namespace Server.Database;

/// <summary>
/// A small POSIX shell script that runs the postmaster and stops it (fast shutdown) as soon as the owner
/// process is gone, even when the owner was killed with SIGKILL and had no chance to clean up.
/// It checks the owner every second through <c>/proc/&lt;pid&gt;/stat</c>, comparing the start time it saw
/// at launch so that a recycled process id is not mistaken for the owner. (It cannot use <c>kill -0</c>:
/// it runs as the postgres user and may not signal a root-owned owner.)
/// The script is started in a session of its own (<c>setsid</c>), so a Ctrl-C in the terminal reaches the
/// app, which then stops PostgreSQL in order, instead of killing PostgreSQL under the app's feet.
/// </summary>
public static class PostgresWatchdog
{
    /// <summary>The script's <c>$0</c>: shows up in <c>ps</c> and marks a postmaster as supervised.</summary>
    public const string Name = "workflow-pg-watchdog";

    // Arguments: $1 owner pid, $2 log file, $3... the postmaster command line.
    private const string Script = """
        owner=$1; log=$2; shift 2
        [ -f "$log" ] && mv -f "$log" "$log.previous"
        exec >>"$log" 2>&1 </dev/null

        # Sets proc_state and proc_started from /proc/<pid>/stat; fails when there is no such process.
        read_proc() {
          { read -r proc_line < "/proc/$1/stat"; } 2>/dev/null || return 1
          set -- ${proc_line##*) }
          proc_state=$1; proc_started=${20}
        }
        is_running() {
          read_proc "$1" || return 1
          case $proc_state in Z|X|x) return 1;; esac
          return 0
        }
        owner_alive() { is_running "$owner" && [ "$proc_started" = "$owner_started" ]; }

        is_running "$owner" || { echo "$0: owner process $owner is not running; not starting PostgreSQL"; exit 3; }
        owner_started=$proc_started

        "$@" &
        postmaster=$!
        started_at=$(date +%s)
        restarts=0

        stop_postmaster() {
          kill -INT "$postmaster" 2>/dev/null   # fast shutdown
          ticks=0
          while is_running "$postmaster"; do
            ticks=$((ticks + 1))
            [ "$ticks" -eq 300 ] && kill -QUIT "$postmaster" 2>/dev/null   # immediate shutdown after 30 s
            [ "$ticks" -ge 400 ] && kill -KILL "$postmaster" 2>/dev/null
            sleep 0.1
          done
          wait "$postmaster" 2>/dev/null
          exit 0
        }
        trap stop_postmaster INT TERM HUP

        while true; do
          while is_running "$postmaster"; do
            if ! owner_alive; then
              echo "$0: owner process $owner is gone; stopping PostgreSQL (pid $postmaster)"
              stop_postmaster
            fi
            sleep 0.2
          done
          wait "$postmaster"
          code=$?
          # Exit 0 is a requested shutdown (pg_ctl stop): done. Anything else (kill -9, a crash) while the owner
          # lives is restarted at once; PostgreSQL replays its WAL (crash recovery). Orphaned backends may hold the
          # old shared memory for a moment, so a failed start is retried every second, 60 times in a row at most.
          [ "$code" -eq 0 ] && exit 0
          owner_alive || exit "$code"
          now=$(date +%s)
          [ $((now - started_at)) -gt 30 ] && restarts=0
          restarts=$((restarts + 1))
          [ "$restarts" -gt 60 ] && { echo "$0: PostgreSQL keeps exiting (code $code); giving up"; exit "$code"; }
          echo "$0: PostgreSQL (pid $postmaster) exited with code $code; restarting it (attempt $restarts)"
          [ "$restarts" -gt 1 ] && sleep 1
          "$@" &
          postmaster=$!
          started_at=$now
        done
        """;

    /// <summary>The command that runs <paramref name="postmasterCommand"/> under the watchdog, in its own session,
    /// as the postgres user when this process is root.</summary>
    public static (string Program, IReadOnlyList<string> Arguments) Command(
        int ownerProcessId, string logFile, IReadOnlyList<string> postmasterCommand)
    {
        var shell = PostgresBinaries.FindProgram("sh", "/bin", "/usr/bin") ?? "/bin/sh";
        var watched = PostgresAccount.Command(
            shell, ["-c", Script, Name, ownerProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), logFile, .. postmasterCommand]);

        return PostgresBinaries.FindProgram("setsid", "/usr/bin", "/bin") is { } setsid
            ? (setsid, [watched.Program, .. watched.Arguments])
            : watched;
    }

    /// <summary>True when the process is a watchdog started by this code (for any owner).</summary>
    public static bool IsWatchdog(int processId) =>
        ProcessTable.CommandLine(processId) is var commandLine
        && commandLine.Count > 3
        && commandLine[3] == Name;
}
