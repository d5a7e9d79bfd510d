// Command plnsynth writes a Plexus backup of a synthetic Personal Learning
// Network (backend/synth) and prints the ego's id on stdout:
//
//	plnsynth -nodes 10000 -ties 50000 [-seed 1] -out FILE
//
// The file is what `plexus restore --in FILE --data-dir D` reads (written by
// interchange.WriteBackup: no entries, no imports, exported at
// synth.DefaultEpoch). The same flags give the same file, byte for byte.
// Exit status 2 for bad flags, 1 when the file cannot be written.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

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
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: plnsynth -nodes N -ties M [-seed S] -out FILE")
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

func write(path string, nw synth.Network) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	b := &interchange.Backup{ExportedAt: synth.DefaultEpoch, Ego: nw.Ego, Nodes: nw.Nodes, Ties: nw.Ties}
	if err := interchange.WriteBackup(w, b); err != nil {
		return err
	}
	return w.Flush()
}
