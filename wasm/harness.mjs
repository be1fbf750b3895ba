// Times the channel ping-pong of a WebAssembly module.
//
//   node wasm/harness.mjs MODULE.wasm ROUNDS [LABEL]
//       prints one line of JSON:
//       {label, module, bytes, rounds, ns_per_round_trip, checksum}
//   node wasm/harness.mjs --compare A.wasm B.wasm ROUNDS [DEPTH]
//       prints that line for A, then for B, then
//       {"compare": [A, B], "rounds": ROUNDS, "depth": DEPTH, "ratio_b_over_a": ...}
//       With DEPTH, the modules' `pingpong_depth(rounds, depth)` is timed:
//       the same ping-pong with each goroutine's loop DEPTH calls (or
//       awaits) deep.
//
// What a module must provide:
//   - export `pingpong(rounds: i32) -> i32`: play `rounds` round trips of the
//     ping-pong on fresh goroutines, each call independent of the previous
//     ones, and return the final counter, 2 * rounds (mod 2^32), read here
//     as unsigned;
//   - for DEPTH, export `pingpong_depth(rounds: i32, depth: i32) -> i32`,
//     with the same result;
//   - import nothing, so that no host call can sit in the timed path (the
//     harness instantiates with an empty import object and names any import
//     it finds); any memory is the module's own.
//
// Measurement: WARMUP_CALLS untimed calls (compilation tiers, caches), then
// TIMED_CALLS calls, each timed alone with performance.now();
// ns_per_round_trip is the median of (call time / rounds). Every call's
// result is checked, and a wrong checksum or a trap exits with status 1.

import { readFileSync } from "node:fs";
import { basename } from "node:path";

const WARMUP_CALLS = 5;
const TIMED_CALLS = 31;

function fail(message) {
    console.error(`harness: ${message}`);
    process.exit(1);
}

function parseRounds(text) {
    const rounds = Number(text);
    if (!Number.isInteger(rounds) || rounds < 1 || rounds > 0xffffffff) {
        fail(`ROUNDS must be an integer from 1 to 2^32-1, not ${JSON.stringify(text)}`);
    }
    return rounds;
}

function parseDepth(text) {
    const depth = Number(text);
    if (!Number.isInteger(depth) || depth < 0 || depth > 1000) {
        fail(`DEPTH must be an integer from 0 to 1000, not ${JSON.stringify(text)}`);
    }
    return depth;
}

async function load(path, depth) {
    const bytes = readFileSync(path);
    const module = await WebAssembly.compile(bytes);
    const imports = WebAssembly.Module.imports(module);
    if (imports.length > 0) {
        const names = imports.map((i) => `${i.module}.${i.name} (${i.kind})`);
        fail(`${path} must import nothing, but imports ${names.join(", ")}`);
    }
    const instance = await WebAssembly.instantiate(module, {});
    const name = depth === undefined ? "pingpong" : "pingpong_depth";
    const exported = instance.exports[name];
    if (typeof exported !== "function") {
        fail(`${path} does not export a function named ${name}`);
    }
    const pingpong = depth === undefined ? exported : (rounds) => exported(rounds, depth);
    return { pingpong, size: bytes.length };
}

// One checked call: returns the checksum, or exits if it is wrong.
function play(pingpong, rounds, path) {
    const checksum = pingpong(rounds) >>> 0;
    const expected = (2 * rounds) >>> 0;
    if (checksum !== expected) {
        fail(`${path}: pingpong(${rounds}) returned ${checksum}, expected ${expected}`);
    }
    return checksum;
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function measure(path, rounds, label, depth) {
    const { pingpong, size } = await load(path, depth);
    for (let i = 0; i < WARMUP_CALLS; i++) {
        play(pingpong, rounds, path);
    }
    const nsPerRoundTrip = [];
    let checksum;
    for (let i = 0; i < TIMED_CALLS; i++) {
        const start = performance.now();
        checksum = play(pingpong, rounds, path);
        const elapsedMs = performance.now() - start;
        nsPerRoundTrip.push((elapsedMs * 1e6) / rounds);
    }
    return {
        label,
        module: path,
        bytes: size,
        rounds,
        ...(depth === undefined ? {} : { depth }),
        ns_per_round_trip: Number(median(nsPerRoundTrip).toFixed(2)),
        checksum,
    };
}

const labelOf = (path) => basename(path, ".wasm");
const args = process.argv.slice(2);

try {
    if (args[0] === "--compare" && (args.length === 4 || args.length === 5)) {
        const [, a, b, roundsText, depthText] = args;
        const rounds = parseRounds(roundsText);
        const depth = depthText === undefined ? undefined : parseDepth(depthText);
        const resultA = await measure(a, rounds, labelOf(a), depth);
        console.log(JSON.stringify(resultA));
        const resultB = await measure(b, rounds, labelOf(b), depth);
        console.log(JSON.stringify(resultB));
        const ratio = resultB.ns_per_round_trip / resultA.ns_per_round_trip;
        console.log(JSON.stringify({
            compare: [a, b],
            rounds,
            ...(depth === undefined ? {} : { depth }),
            ratio_b_over_a: Number(ratio.toFixed(3)),
        }));
    } else if (args.length === 2 || args.length === 3) {
        const [path, roundsText, label = labelOf(path)] = args;
        console.log(JSON.stringify(await measure(path, parseRounds(roundsText), label)));
    } else {
        fail("usage: node wasm/harness.mjs MODULE.wasm ROUNDS [LABEL]\n"
            + "       node wasm/harness.mjs --compare A.wasm B.wasm ROUNDS [DEPTH]");
    }
} catch (error) {
    // A trap (WebAssembly.RuntimeError), an unreadable file, an invalid module.
    fail(error.stack ?? String(error));
}
