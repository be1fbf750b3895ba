/*
 * Asyncify baseline for the WebAssembly comparison: two goroutines ping-pong
 * a counter through one unbuffered channel, switched the way TinyGo switches
 * goroutines on wasm (src/internal/task/task_asyncify_wasm.S).
 *
 * How the switch works
 * --------------------
 * Binaryen's Asyncify pass (wasm-opt --asyncify, run after linking) rewrites
 * every function that may be on the stack when a pause starts, so that it can
 * save its locals plus "which call was I in" into a buffer and return
 * (unwind), and later skip straight back into that call with its locals
 * restored (rewind). The pass implements four control functions; like
 * TinyGo, we call them from C through imports named asyncify.start_unwind,
 * asyncify.stop_unwind, asyncify.start_rewind and asyncify.stop_rewind, and
 * the pass turns those imports into direct calls to its own implementations,
 * so the final module imports nothing and no JavaScript takes part in a
 * switch. (The alternative, Emscripten's, drives the exported asyncify_*
 * functions from JavaScript, which would leave and re-enter wasm on every
 * switch; TinyGo does not do that for goroutines.)
 *
 * The pass must not instrument the runtime code that starts and stops the
 * unwinds and rewinds. It leaves alone any function that calls one of the
 * four imports:
 *   - pause() calls start_unwind and stop_rewind: it is the "top-most
 *     runtime". Its callers (the channel operations and the goroutine bodies)
 *     are instrumented, which is what we want.
 *   - run() calls start_rewind and stop_unwind: it is the "bottom-most
 *     runtime". Neither it nor the scheduler that calls it is instrumented.
 * pause() is noinline: inlined into a goroutine body, it would make that body
 * runtime code, which Asyncify would then not instrument.
 *
 * One switch, step by step (TinyGo's unwind / launch / rewind):
 *   1. A goroutine blocks: pause() saves the C stack pointer, then
 *      start_unwind(&g->unwound). Returning from pause(), each instrumented
 *      frame (channel op, goroutine body) stores its live locals and call
 *      index in g's buffer and returns at once.
 *   2. The goroutine's entry function thus returns into run(), which calls
 *      stop_unwind() and gives the scheduler its C stack back.
 *   3. To resume g, run() sets the rewinding flag, calls start_rewind(), and
 *      calls g's entry function again. Each instrumented frame reloads its
 *      locals and jumps to the saved call, down to pause().
 *   4. pause() sees the flag, calls stop_rewind(), and returns normally: the
 *      blocking channel operation continues where it stopped.
 *
 * Each goroutine has its own Asyncify buffer and its own C stack (the stack in
 * linear memory that clang uses for locals whose address is taken). Asyncify
 * saves only wasm locals; a paused goroutine's C stack frames stay where they
 * are, so they must not be overwritten by the other goroutine. run() switches
 * the __stack_pointer global, as TinyGo's launch and rewind do.
 *
 * The ping-pong
 * -------------
 * ping sends the counter, pong receives it, adds 1 and sends it back, ping
 * receives it and adds 1. The channel has Go's unbuffered semantics: an
 * operation that finds its partner already waiting hands the value over and
 * goes on; otherwise it blocks until the partner arrives. With FIFO scheduling
 * each round trip is four channel operations, two of which block (ping in its
 * send, pong in its send), so a round trip costs two full unwind + rewind
 * switches, as it would between two goroutines in Go or TinyGo. pingpong()
 * checks that count and traps if it differs.
 *
 * Export: uint32_t pingpong(uint32_t rounds): runs `rounds` round trips on a
 * fresh pair of goroutines and returns the final counter, which is
 * 2 * rounds (mod 2^32). It traps (wasm unreachable) on a deadlock, a wrong
 * number of switches, or an Asyncify buffer overflow (detected by the pass's
 * own check in stop_unwind). Imports: none after wasm-opt --asyncify.
 *
 * Build (scripts/wasm.sh does this):
 *   clang-14 --target=wasm32 -O2 -ffreestanding -nostdlib \
 *     -Wl,--no-entry -Wl,--export=pingpong pingpong.c -o pingpong_c.linked.wasm
 *   wasm-opt pingpong_c.linked.wasm --asyncify -O2 -o pingpong_c.wasm
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Asyncify control functions (implemented by wasm-opt --asyncify) ---- */

/* Binaryen's layout of the buffer descriptor passed to start_unwind and
 * start_rewind (wasm32): the save area grows up from `cur` to `end`. */
struct asyncify_data {
    uint8_t *cur;
    uint8_t *end;
};

#define ASYNCIFY_IMPORT(name) \
    __attribute__((import_module("asyncify"), import_name(name)))

ASYNCIFY_IMPORT("start_unwind") void asyncify_start_unwind(struct asyncify_data *);
ASYNCIFY_IMPORT("stop_unwind") void asyncify_stop_unwind(void);
ASYNCIFY_IMPORT("start_rewind") void asyncify_start_rewind(struct asyncify_data *);
ASYNCIFY_IMPORT("stop_rewind") void asyncify_stop_rewind(void);

/* ---- The C stack pointer (the __stack_pointer global that wasm-ld makes) ---- */

__asm__(".globaltype __stack_pointer, i32");

static inline uint8_t *get_stack_pointer(void) {
    uint8_t *sp;
    __asm__ volatile("global.get __stack_pointer\n\tlocal.set %0" : "=r"(sp));
    return sp;
}

static inline void set_stack_pointer(uint8_t *sp) {
    __asm__ volatile("local.get %0\n\tglobal.set __stack_pointer" : : "r"(sp));
}

/* ---- Goroutines ---- */

enum {
    /* Far more than a pause saves here: the live locals and call index of
     * the goroutine body and its channel operation, 20 bytes with clang 14
     * (pause() itself is not instrumented). TinyGo uses 64 KiB because Go
     * code nests deeper. */
    ASYNCIFY_BUFFER_SIZE = 4096,
    C_STACK_SIZE = 16384,
};

struct goroutine {
    void (*entry)(struct goroutine *);
    struct asyncify_data unwound; /* where a pause saves this stack */
    uint8_t *csp;                 /* C stack pointer to switch to in run() */
    uint32_t value;               /* value in transit while blocked on a channel */
    bool started;
    bool done;
    _Alignas(4) uint8_t asyncify_buffer[ASYNCIFY_BUFFER_SIZE];
    _Alignas(16) uint8_t c_stack[C_STACK_SIZE];
};

/* The static arena: both goroutines, reused by every call of pingpong(). */
static struct goroutine goroutines[2];

/* Set by run() just before it rewinds a goroutine; cleared by pause() when
 * the rewind reaches it (TinyGo's tinygo_rewinding). */
static bool rewinding;

/* Number of pauses since pingpong() started (the honesty check). */
static uint32_t pauses;

/* FIFO run queue; two goroutines never need more than two slots. */
static struct goroutine *run_queue[2];
static uint32_t run_queue_head, run_queue_len;

static void make_ready(struct goroutine *g) {
    if (run_queue_len == 2)
        __builtin_trap();
    run_queue[(run_queue_head + run_queue_len) % 2] = g;
    run_queue_len++;
}

static struct goroutine *next_ready(void) {
    struct goroutine *g = run_queue[run_queue_head];
    run_queue_head = (run_queue_head + 1) % 2;
    run_queue_len--;
    return g;
}

/* Suspends the running goroutine g until someone calls make_ready(g): step 1
 * of the protocol on the way out, step 4 on the way back in. */
__attribute__((noinline)) static void pause(struct goroutine *g) {
    if (rewinding) {
        /* Resumed: the rewind has rebuilt the stack down to here. */
        asyncify_stop_rewind();
        rewinding = false;
        return;
    }
    pauses++;
    /* run() resumes g on this stack pointer: the instrumented prologues that
     * rewinding re-enters skip their stack adjustments. */
    g->csp = get_stack_pointer();
    asyncify_start_unwind(&g->unwound);
}

/* Runs g until it pauses or finishes: steps 2 and 3 of the protocol. */
static void run(struct goroutine *g) {
    uint8_t *scheduler_sp = get_stack_pointer();
    set_stack_pointer(g->csp);
    if (g->started) {
        rewinding = true;
        asyncify_start_rewind(&g->unwound);
    }
    g->started = true;
    g->entry(g); /* first start, or rewind back to the pause */
    if (!g->done)
        asyncify_stop_unwind(); /* it returned because it paused */
    /* An unwind skips the epilogues that would have restored it. */
    set_stack_pointer(scheduler_sp);
}

static void spawn(struct goroutine *g, void (*entry)(struct goroutine *)) {
    g->entry = entry;
    g->unwound.cur = g->asyncify_buffer;
    g->unwound.end = g->asyncify_buffer + ASYNCIFY_BUFFER_SIZE;
    g->csp = g->c_stack + C_STACK_SIZE;
    g->started = false;
    g->done = false;
    make_ready(g);
}

/* ---- An unbuffered channel ---- */

/* With two goroutines, at most one waits on the channel at a time. */
struct chan {
    struct goroutine *waiter;
    bool waiter_is_sender;
};

static void chan_send(struct goroutine *g, struct chan *ch, uint32_t value) {
    struct goroutine *receiver = ch->waiter;
    if (receiver) {
        if (ch->waiter_is_sender)
            __builtin_trap();
        /* A receiver is blocked: hand the value over, wake it, go on. */
        receiver->value = value;
        ch->waiter = NULL;
        make_ready(receiver);
        return;
    }
    /* Block until a receiver takes the value. */
    g->value = value;
    ch->waiter = g;
    ch->waiter_is_sender = true;
    pause(g);
}

static uint32_t chan_recv(struct goroutine *g, struct chan *ch) {
    struct goroutine *sender = ch->waiter;
    if (sender) {
        if (!ch->waiter_is_sender)
            __builtin_trap();
        /* A sender is blocked: take its value and wake it. */
        ch->waiter = NULL;
        make_ready(sender);
        return sender->value;
    }
    /* Block until a sender hands a value over. */
    ch->waiter = g;
    ch->waiter_is_sender = false;
    pause(g);
    return g->value;
}

/* ---- The ping-pong ---- */

static struct chan channel;
static uint32_t rounds_to_play;
static uint32_t final_counter;

static void ping(struct goroutine *g) {
    uint32_t counter = 0;
    for (uint32_t i = 0; i < rounds_to_play; i++) {
        chan_send(g, &channel, counter);
        counter = chan_recv(g, &channel) + 1;
    }
    final_counter = counter;
    g->done = true;
}

static void pong(struct goroutine *g) {
    for (uint32_t i = 0; i < rounds_to_play; i++) {
        uint32_t counter = chan_recv(g, &channel);
        chan_send(g, &channel, counter + 1);
    }
    g->done = true;
}

/* ---- The same ping-pong, played `depth` calls deep ----
 *
 * Each goroutine runs its loop inside `depth` nested calls, as a goroutine
 * that blocks inside helper functions does: Asyncify unwinds and rewinds
 * every one of those frames at every pause. */

static uint32_t nest_depth;

__attribute__((noinline)) static uint32_t nested(struct goroutine *g, uint32_t depth,
                                                 void (*body)(struct goroutine *)) {
    if (depth == 0) {
        body(g);
        return 0;
    }
    /* A local read back after the call keeps this frame live across it
     * (without it, clang turns the recursion into a loop). */
    volatile uint32_t keep = depth;
    uint32_t inner = nested(g, depth - 1, body);
    return inner + keep;
}

static void ping_nested(struct goroutine *g) { nested(g, nest_depth, ping); }
static void pong_nested(struct goroutine *g) { nested(g, nest_depth, pong); }

uint32_t pingpong_depth(uint32_t rounds, uint32_t depth) {
    nest_depth = depth;
    rounds_to_play = rounds;
    final_counter = 0;
    pauses = 0;
    channel.waiter = NULL;
    spawn(&goroutines[0], ping_nested);
    spawn(&goroutines[1], pong_nested);
    while (run_queue_len > 0)
        run(next_ready());
    if (!goroutines[0].done || !goroutines[1].done || pauses != 2 * rounds)
        __builtin_trap();
    return final_counter;
}

uint32_t pingpong(uint32_t rounds) {
    rounds_to_play = rounds;
    final_counter = 0;
    pauses = 0;
    channel.waiter = NULL;
    spawn(&goroutines[0], ping);
    spawn(&goroutines[1], pong);
    while (run_queue_len > 0)
        run(next_ready());
    /* Both done (else a deadlock), after exactly one pause per goroutine
     * per round trip. */
    if (!goroutines[0].done || !goroutines[1].done || pauses != 2 * rounds)
        __builtin_trap();
    return final_counter;
}
