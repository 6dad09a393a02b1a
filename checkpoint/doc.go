// Package checkpoint saves and loads the state of a run so that it can be
// continued later, bit for bit as if it had never stopped.
//
// A checkpoint is a directory with state.gob (encoding/gob: the format
// version, the model file's text and how it was changed on the command line,
// and the engine snapshot) and model.toml (a copy of the model, for people).
// The network itself is not saved: it is compiled again from the model and
// seed, which gives the same connectivity. Files are written to a temporary
// name and renamed, so a crash while writing leaves the previous checkpoint
// valid.
package checkpoint
