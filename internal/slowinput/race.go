//go:build race

package slowinput

// Slowdown is how much slower code runs in this build: 10 under the race detector.
const Slowdown = 10
