//go:build !race

package slowinput

// Slowdown is how much slower code runs in this build: 1 without the race detector.
const Slowdown = 1
