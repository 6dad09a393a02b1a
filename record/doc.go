// Package record turns what the engine recorded for root groups into the
// per-group data users ask for: spike trains of named groups and sub-groups
// (times in seconds, indices within the group), spike counts and rates, and
// state traces with their sample times.
package record
