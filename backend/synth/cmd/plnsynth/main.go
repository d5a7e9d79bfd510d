// Command plnsynth writes a Plexus backup of a synthetic Personal Learning
// Network (backend/synth) and prints the ego's id on stdout:
//
//	plnsynth -nodes 10000 -ties 50000 [-seed 1] -out FILE
//
// The file is what `plexus restore --in FILE --data-dir D` reads (written by
// interchange.WriteBackup: no entries, no imports, exported at
// synth.DefaultEpoch). The same flags give the same file, byte for byte.
// Exit status 2 for bad flags, 1 when the file cannot be written (an
// earlier file at FILE is then left as it was).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/synth"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("plnsynth", flag.ContinueOnError)
	fs.SetOutput(stderr)
	nodes := fs.Int("nodes", 2000, "nodes, the ego included")
	ties := fs.Int("ties", 10000, "ties between alters")
	seed := fs.Uint64("seed", 1, "the network's seed: the same seed, the same network")
	out := fs.String("out", "", "the backup file to write (required)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	const usage = "usage: plnsynth -nodes N -ties M [-seed S] -out FILE"
	switch {
	case *out == "":
		fmt.Fprintln(stderr, "plnsynth: -out FILE is required (the backup file to write)\n"+usage)
		return 2
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "plnsynth: unexpected argument %q (every value goes with a flag)\n%s\n", fs.Arg(0), usage)
		return 2
	}
	nw, err := synth.Generate(synth.Options{Nodes: *nodes, Ties: *ties, Seed: *seed})
	if err != nil {
		fmt.Fprintln(stderr, "plnsynth:", err)
		return 2
	}
	if err := write(*out, nw); err != nil {
		fmt.Fprintln(stderr, "plnsynth:", err)
		return 1
	}
	fmt.Fprintln(stdout, nw.Ego)
	return 0
}

// write writes the backup next to path and renames it into place, so a
// failed write leaves any earlier file at path as it was and no partial
// file behind.
func write(path string, nw synth.Network) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	b := &interchange.Backup{ExportedAt: synth.DefaultEpoch, Ego: nw.Ego, Nodes: nw.Nodes, Ties: nw.Ties}
	if err := interchange.WriteBackup(w, b); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
