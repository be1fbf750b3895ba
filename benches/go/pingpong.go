// The scheduler benchmark's ping-pong (benches/benches/sched.rs) in Go, as
// a second anchor beside tokio: two goroutines make 10,000 round trips over
// two channels of the given capacity (0 is a rendezvous, as ours), spawned
// by the main goroutine, which waits for ping's result. Run with
// GOMAXPROCS=1, as our executor and tokio's current_thread are single
// threaded:
//
//	GOMAXPROCS=1 go run benches/go/pingpong.go
//
// Prints the median and the range of 101 samples, in nanoseconds per round
// trip, for capacities 0 and 1.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"time"
)

const rounds = 10000
const samples = 101

func ping(rx <-chan uint32, tx chan<- uint32, n int, done chan<- uint32) {
	var counter uint32
	for i := 0; i < n; i++ {
		tx <- counter
		counter = <-rx + 1
	}
	close(tx)
	done <- counter
}

func pong(rx <-chan uint32, tx chan<- uint32) {
	for n := range rx {
		tx <- n + 1
	}
}

func pingpong(capacity int) uint32 {
	a := make(chan uint32, capacity)
	b := make(chan uint32, capacity)
	done := make(chan uint32)
	go ping(b, a, rounds, done)
	go pong(a, b)
	return <-done
}

func main() {
	if runtime.GOMAXPROCS(0) != 1 {
		fmt.Fprintln(os.Stderr, "run with GOMAXPROCS=1")
		os.Exit(2)
	}
	for _, capacity := range []int{0, 1} {
		// Warm up, and check the result as the Rust benchmark does.
		if got := pingpong(capacity); got != 2*rounds {
			fmt.Fprintf(os.Stderr, "unexpected result %d\n", got)
			os.Exit(1)
		}
		ns := make([]float64, samples)
		for i := range ns {
			start := time.Now()
			pingpong(capacity)
			ns[i] = float64(time.Since(start).Nanoseconds()) / rounds
		}
		sort.Float64s(ns)
		fmt.Printf("go ping-pong, capacity %d: median %.1f ns per round trip (%.1f to %.1f)\n",
			capacity, ns[samples/2], ns[0], ns[samples-1])
	}
}
