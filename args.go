package main

import (
	"fmt"
	"strings"
)

const usage = `usage:
  plexus [--data-dir DIR]                                open the window
  plexus backup  --out FILE|- [--data-dir DIR]           write a backup (- = stdout)
  plexus restore --in FILE [--replace] [--data-dir DIR]  restore a backup
  plexus import  --in FILE [--data-dir DIR]              import a file (OPML)
The data folder defaults to $PLEXUS_DATA_DIR, else the per-user app data folder.`

// command is what the command line asks for. name is "" (the window),
// "backup", "restore" or "import".
type command struct {
	name    string
	dataDir string
	out     string
	in      string
	replace bool
	help    bool
}

// parseArgs reads the command line. Flags take one or two dashes and
// "--flag value" or "--flag=value". For the window, unknown flags are
// ignored: Wails' dev build reads its own (-assetdir, -devserver,
// -loglevel…) from the same command line. The commands reject them.
func parseArgs(args []string) (command, error) {
	var c command
	if len(args) > 0 && (args[0] == "backup" || args[0] == "restore" || args[0] == "import") {
		c.name, args = args[0], args[1:]
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			if c.name != "" {
				return c, fmt.Errorf("unexpected argument %q", a)
			}
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		takeValue := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("--%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		var err error
		switch {
		case name == "data-dir":
			c.dataDir, err = takeValue()
		case name == "help" || name == "h":
			c.help = true
		case name == "out" && c.name == "backup":
			c.out, err = takeValue()
		case name == "in" && (c.name == "restore" || c.name == "import"):
			c.in, err = takeValue()
		case name == "replace" && c.name == "restore" && !hasVal:
			c.replace = true
		case c.name != "":
			err = fmt.Errorf("unknown flag %q for plexus %s", a, c.name)
		}
		if err != nil {
			return c, err
		}
	}
	switch {
	case c.help:
	case c.name == "backup" && c.out == "":
		return c, fmt.Errorf("plexus backup needs --out FILE (or --out - for stdout)")
	case (c.name == "restore" || c.name == "import") && c.in == "":
		return c, fmt.Errorf("plexus %s needs --in FILE", c.name)
	case c.dataDir == "" && hasFlag(args, "data-dir"):
		return c, fmt.Errorf("--data-dir needs a value")
	}
	return c, nil
}

func hasFlag(args []string, name string) bool {
	for _, a := range args {
		n, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && n == name {
			return true
		}
	}
	return false
}
