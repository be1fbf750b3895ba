#!/usr/bin/env bash
# Checks that the scheduler's loom models (coro-runtime/src/sched/loom_models.rs)
# can fail: for each model, removes the synchronisation it checks from a copy
# of the runtime and expects that model to fail. Prints one line per mutant,
# and exits non-zero if a mutant survives (its model still passes).
#
#   scripts/loom-mutants.sh        about 5 minutes (one loom build per mutant)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
work="$root/target/loom-mutants/src"
mkdir -p "$work"

# mutant NAME FILE MODEL: applies the Python replacement on stdin (a dict
# {old: new}) to FILE in a fresh copy, and runs MODEL there.
mutant() {
    local name="$1" file="$2" model="$3"
    rm -rf "$work"
    mkdir -p "$work"
    cp -r Cargo.toml Cargo.lock coro-runtime coro-macros "$work/"
    python3 - "$work/$file" <<EOF
import sys
path = sys.argv[1]
text = open(path).read()
$(cat)
for old, new in replacements.items():
    assert old in text, f"mutant '$name': not found in $file: {old!r}"
    text = text.replace(old, new)
open(path, "w").write(text)
EOF
    # The copied Cargo.toml is the whole workspace's: keep its settings,
    # list only the copied members.
    python3 - "$work/Cargo.toml" <<'EOF'
import re, sys
path = sys.argv[1]
text = open(path).read()
text = re.sub(r"members = \[[^\]]*\]", 'members = ["coro-runtime", "coro-macros"]', text, flags=re.S)
open(path, "w").write(text)
EOF
    local out
    if out=$(cd "$work" && CARGO_TARGET_DIR="$root/target/loom-mutants/target" RUSTFLAGS="--cfg coro_loom" \
        cargo test -q -p coro-runtime --lib --release -- --exact "sched::loom_models::$model" 2>&1); then
        echo "SURVIVED  $name: $model still passes"
        survived=1
    else
        local why
        # The first panic's message (the line after "panicked at").
        why=$(grep -m1 -A1 "panicked at" <<<"$out" | tail -1 | cut -c1-100 || true)
        echo "killed    $name: $model fails (${why:-see output})"
    fi
}

survived=0

mutant "the scheduler's lock without acquire/release" coro-runtime/src/sched/lock.rs send_against_recv <<'EOF'
replacements = {
    "compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)":
        "compare_exchange_weak(false, true, Ordering::Relaxed, Ordering::Relaxed)",
    "self.locked.store(false, Ordering::Release)": "self.locked.store(false, Ordering::Relaxed)",
}
EOF

mutant "select's claim not exclusive" coro-runtime/src/sched/claim.rs select_of_sends_against_receives <<'EOF'
replacements = {
    ".compare_exchange(NONE, case, Ordering::AcqRel, Ordering::Acquire)\n        .is_ok()":
        ".swap(case, Ordering::AcqRel)\n        != CANCELLED",
}
EOF

mutant "a withdrawn receive ignores a completion" coro-runtime/src/sched/chan.rs timeout_of_a_receive_against_a_send <<'EOF'
replacements = {
    "    if waiter.state.load(Relaxed) != WAITING {\n        return false;\n    }\n": "",
}
EOF

mutant "a cancelled lock keeps a handed-over mutex" coro-runtime/src/sched/semaphore.rs mutex_hand_off_against_a_cancelled_lock <<'EOF'
replacements = {
    "            state.permits += self.waiter.want;": "",
}
EOF

mutant "a suspending task overwrites a wake" coro-runtime/src/sched/task.rs wake_while_the_task_suspends <<'EOF'
replacements = {
    """        if waits
            && self
                .state
                .compare_exchange(
                    state::RUNNING,
                    state::IDLE,
                    Ordering::AcqRel,
                    Ordering::Acquire,
                )
                .is_ok()""": """        if waits && {
            self.state.store(state::IDLE, Ordering::Release);
            true
        }""",
}
EOF

mutant "a finished task can be queued" coro-runtime/src/sched/task.rs wake_while_the_task_finishes <<'EOF'
replacements = {
    "                state::IDLE => state::QUEUED,": "                state::IDLE | state::DONE => state::QUEUED,",
}
EOF

mutant "a completed waiter read without acquire/release" coro-runtime/src/sched/chan.rs recv_polled_against_send <<'EOF'
replacements = {
    "self.state.store(state, Release);": "self.state.store(state, Relaxed);",
    "matches!(self.state.load(Acquire), DONE | CLOSED)": "matches!(self.state.load(Relaxed), DONE | CLOSED)",
}
EOF

mutant "close does not wake the waiters" coro-runtime/src/sched/chan.rs send_recv_close <<'EOF'
replacements = {
    "                unsafe { w.complete(CLOSED) };": "                w.state.store(CLOSED, Relaxed);",
}
EOF

mutant "a cancelled acquire keeps granted permits" coro-runtime/src/sched/semaphore.rs semaphore_release_against_a_cancelled_acquire <<'EOF'
replacements = {
    "            state.permits += self.waiter.want;": "",
}
EOF

mutant "a cancelled wait drops a notify_one" coro-runtime/src/sched/notify.rs notify_one_against_a_cancelled_wait <<'EOF'
replacements = {
    "            ONE => state.notify_one(),": "            ONE => {}",
}
EOF

mutant "a coroutine case wins without claiming the select" coro-runtime/src/sched/select.rs coroutine_case_against_a_channel_case <<'EOF'
replacements = {
    """                    winner = match self.shared.winner.compare_exchange(
                        NONE,
                        i,
                        Ordering::AcqRel,
                        Ordering::Acquire,
                    ) {
                        Ok(_) => i,
                        Err(other) => other,
                    };""": """                    self.shared.winner.store(i, Ordering::Release);
                    winner = i;""",
}
EOF

exit "$survived"
