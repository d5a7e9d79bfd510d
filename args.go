package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/search"
)

const usage = `usage:
  plexus [--data-dir DIR]                                open the window
  plexus backup  --out FILE|- [--as-of DATE] [--encrypt] [--data-dir DIR]
                                                         write a backup (- = stdout); --as-of: the
                                                         network as it was then (YYYY-MM-DD = the end
                                                         of that day, local time; or an RFC 3339 time)
  plexus restore --in FILE [--replace] [--data-dir DIR]  restore a backup (not undoable; starts a new history)
  plexus import  [--dry-run] [--kind K] [--merge] [--skip-unreadable] FILE… [--data-dir DIR]
                                                         import files as one step (undo takes it back):
                                                         the format is read from the content; a node table
                                                         and its tie table, or a notes folder, are one
                                                         import; --dry-run prints what it would do and
                                                         changes nothing; --kind: for nodes whose file
                                                         does not say; --merge: merge possible duplicates
                                                         into the existing nodes; --skip-unreadable: import
                                                         the readable items of a partly unreadable file
                                                         (--in FILE is the same as FILE)
  plexus export  --format F --out FILE|- [--data-dir DIR]
                                                         write the network in format F (see below); a
                                                         format of several files (csv, markdown) goes into
                                                         the folder FILE, or a zip when FILE ends in .zip
  plexus history [--limit N] [--undo-limit N] [--data-dir DIR]
                                                         list the steps, newest first (when, what);
                                                         --undo-limit sets how many steps undo reaches
  plexus undo    [--data-dir DIR]                        undo the newest step
  plexus redo    [--data-dir DIR]                        redo the newest undone step
  plexus nodes list [--json] [--data-dir DIR]            list the nodes, one a line: id, kind, label, tags
                                                         (comma-separated), "pinned"; tab-separated, or JSON
  plexus nodes duplicates [--json] [--data-dir DIR]      possible duplicates: nodes sharing a label (case, accents
                                                         and punctuation aside), an email or a web or feed address
  plexus nodes delete ID… [--data-dir DIR]               delete these alters, their ties and journal links
                                                         as one step (undo brings them all back)
  plexus nodes tag ID… [--add TAG]… [--remove TAG]… [--data-dir DIR]
                                                         add and remove tags on these nodes as one step
  plexus nodes merge KEEP OTHER… [--json] [--data-dir DIR]
                                                         merge duplicates into KEEP (ids or labels) as one
                                                         step: fields, ties, journal links, goals, views
  plexus due [--json] [--data-dir DIR]                   the alters due to reconnect (past their cadence), most
                                                         overdue first, one a line: label, kind, days overdue,
                                                         last interaction (YYYY-MM-DD or "none"); tab-separated,
                                                         or JSON
  plexus journal add [--node LABEL|ID]… [--type T] [--date D] [--tag TAG]… TEXT… [--data-dir DIR]
                                                         write a journal entry (one step): TEXT is its body
                                                         (words after -- are text even if they start with -);
                                                         --node links the node with that label (case, accents
                                                         and spacing aside) or id (several with the label: they
                                                         are listed with their ids, nothing is written, exit 2);
                                                         --type reflection (default), interaction, resource or
                                                         milestone; --date YYYY-MM-DD (that day, local time) or
                                                         RFC 3339, years 1–9999 (default now)
  plexus journal list [--node LABEL|ID] [--limit N] [--json] [--data-dir DIR]
                                                         the newest entries (50; --limit up to 500), one a line:
                                                         date, type, linked labels, first line; or JSON
  plexus journal drafts [--json] [--data-dir DIR]        the journal editor's unsaved drafts (kept in the store
                                                         as you type, so a crash loses at most a second): one a
                                                         line: entry id or "new", when saved, the text; or JSON
  plexus journal days [--from D] [--to D] [--tz Z] [--json] [--data-dir DIR]
                                                         entries per local calendar day, one day with entries a
                                                         line: YYYY-MM-DD, count; or JSON. --from/--to YYYY-MM-DD
                                                         (both included; default the last 53 weeks to today, at
                                                         most 1100 days); --tz an IANA zone (default this machine's)
  plexus search [--node LABEL|ID]… [--tag TAG]… [--goal TITLE|ID]… [--type T] [--from D] [--to D] [--limit N]
                [--json] QUERY… [--data-dir DIR]
                                                         full-text search of the entries and nodes, one hit a
                                                         line: kind, the entry's date or the node's label, the
                                                         snippet with matched terms in [brackets]; or JSON.
                                                         QUERY: words (all must match, word forms aside),
                                                         "a phrase", a prefix* (words after -- are query even
                                                         if they start with -); --node, --tag, --goal: entries
                                                         linked to that node, with that tag, of a node helping
                                                         with that goal (each repeatable); --type T (as for
                                                         journal add); --from/--to YYYY-MM-DD (both included);
                                                         --limit 1–200 (default 20)
  plexus views [--json] [--data-dir DIR]                 the map's saved views (name, what they show)
  plexus views delete NAME | rename NAME NEW-NAME        delete or rename a saved view (one step; undo takes it back)
  plexus settings [--json] [--data-dir DIR]              the settings and their values
  plexus settings quiet-period [DAYS] [--data-dir DIR]   show or set (1–3650, one step) the quiet period: an
                                                         alter without an interaction for longer is dormant
                                                         unless its status was set by hand
  plexus check   [--json] [--data-dir DIR]              check the store: its files, then every record
                                                         (exit 0 sound, 1 damaged); changes nothing
  plexus salvage [--yes] [--data-dir DIR]                what a new store built from the damaged one's
                                                         readable records would hold; --yes: replace
                                                         the damaged store with it (kept in damaged/)
  plexus backups [--data-dir DIR]                        list the automatic backups, newest first (when,
                                                         kind, size, counts, file); works while Plexus runs
  plexus encrypt [--change] [--data-dir DIR]             set a passphrase: the store and the backups Plexus
                                                         keeps are encrypted (a forgotten passphrase cannot
                                                         be recovered); --change: a new passphrase
  plexus decrypt [--data-dir DIR]                        remove the passphrase: the data is stored plain again
  plexus help                                            this text (also --help or -h after any command)
`

// usageNotes close the usage text, after the goals and images commands.
const usageNotes = `A single-value flag given twice is a usage mistake (exit 2); --node, --tag, --add and --remove repeat.
Exit status: 0 done, 2 a usage mistake or input Plexus refuses (nothing changed), 1 any other failure.
Text from the network (labels, titles, entries) is printed with control characters escaped: \xNN
for C0 controls (a line break and a tab in an entry's text stay), \uNNNN for C1 controls and bidi
marks (U+202A–U+202E, U+2066–U+2069); --json prints it exactly.
A backup of a damaged store leaves out what cannot be read, says so and exits 3.
"restore --replace" also replaces a store too damaged to open (it is kept in damaged/).
The data folder defaults to $PLEXUS_DATA_DIR, else the per-user app data folder.
An encrypted data folder asks for its passphrase on the terminal, or reads $PLEXUS_PASSPHRASE
(and $PLEXUS_NEW_PASSPHRASE for encrypt --change). backup --encrypt seals the file with a passphrase
of its own (asked twice, or $PLEXUS_BACKUP_PASSPHRASE); restore asks for it.
`

// command is what the command line asks for. name is "" (the window),
// or one of commands.
type command struct {
	from, to  string // plexus search, journal days --from, --to (YYYY-MM-DD)
	tz        string // plexus journal days --tz (an IANA zone name)
	name      string
	dataDir   string
	out       string
	in        string
	replace   bool
	help      bool
	asOf      string   // backup --as-of, as typed
	limit     int      // history --limit (0 = 50)
	undoLimit int      // history --undo-limit (0 = leave it)
	json      bool     // check --json, nodes list --json
	yes       bool     // salvage --yes
	change    bool     // encrypt --change
	encrypt   bool     // backup --encrypt
	files     []string // import: the files (and --in)
	dryRun    bool     // import --dry-run
	kind      string   // import --kind
	merge     bool     // import --merge
	skipBad   bool     // import --skip-unreadable
	format    string   // export --format
	sub       string   // nodes: list, delete or tag
	ids       []string // nodes delete/tag: the node ids
	add       []string // nodes tag --add (repeatable)
	remove    []string // nodes tag --remove (repeatable)
	// journal add/list (sub), settings quiet-period (sub).
	nodes     []string  // journal --node LABEL (repeatable for add)
	entryType string    // journal add --type
	date      string    // journal add --date, as typed
	tags      []string  // journal add --tag (repeatable)
	text      []string  // journal add: the words of the body
	value     string    // settings quiet-period DAYS, as typed ("" = show)
	goal      goalArgs  // goals (goals_cli.go)
	img       imageArgs // images (images_cli.go)
	ctx       ctxArgs   // contexts (contexts_cli.go)
	goals     []string  // search --goal TITLE (repeatable)
}

// commands are the words that start a command.
var commands = map[string]bool{"backup": true, "restore": true, "import": true, "history": true, "undo": true, "redo": true, "help": true, "check": true, "salvage": true, "backups": true, "encrypt": true, "decrypt": true, "export": true, "nodes": true, "due": true, "journal": true, "settings": true, "views": true, "goals": true, "search": true, "images": true, "contexts": true}

// nodesSubs are the words after "plexus nodes".
var nodesSubs = map[string]bool{"list": true, "delete": true, "tag": true, "duplicates": true, "merge": true}

// journalSubs are the words after "plexus journal"; settingNames the
// settings "plexus settings NAME [VALUE]" knows.
var (
	journalSubs  = map[string]bool{"add": true, "list": true, "drafts": true, "days": true}
	settingNames = map[string]bool{"quiet-period": true}
)

// parseArgs reads the command line. Flags take one or two dashes and
// "--flag value" or "--flag=value". For the window, unknown flags are
// ignored: Wails' dev build reads its own (-assetdir, -devserver,
// -loglevel…) from the same command line. The commands reject them.
func parseArgs(args []string) (command, error) {
	var c command
	if wantsHelp(args) {
		if len(args) > 0 && commands[args[0]] && args[0] != "help" {
			c.name = args[0]
		}
		c.help = true
		return c, nil
	}
	if len(args) > 0 && commands[args[0]] {
		c.name, args = args[0], args[1:]
		if c.name == "help" {
			c.name, c.help = "", true
		}
		if c.name == "goals" {
			return parseGoalsArgs(c, args)
		}
		if c.name == "images" {
			return parseImagesArgs(c, args)
		}
		if c.name == "contexts" {
			return parseContextsArgs(c, args)
		}
	} else if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return c, fmt.Errorf("unknown command %q", args[0])
	}
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" && (c.name == "journal" && c.sub == "add" || c.name == "search") {
			// The rest is the entry's text (the query), dashes and all (a
			// --data-dir after -- is text too).
			c.text = append(c.text, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			if c.name == "journal" && c.sub == "" {
				if !journalSubs[a] {
					return c, fmt.Errorf("unknown plexus journal command %q; use add, list, drafts or days", a)
				}
				c.sub = a
				continue
			}
			if c.name == "search" {
				c.text = append(c.text, a)
				continue
			}
			if c.name == "journal" && c.sub == "add" {
				c.text = append(c.text, a)
				continue
			}
			if c.name == "views" {
				if c.sub == "" && len(c.text) == 0 {
					if a != "delete" && a != "rename" {
						return c, fmt.Errorf("unknown plexus views command %q; use delete NAME or rename NAME NEW-NAME", a)
					}
					c.sub = a
					continue
				}
				c.text = append(c.text, a)
				continue
			}
			if c.name == "settings" && c.sub == "" {
				if !settingNames[a] {
					return c, fmt.Errorf("unknown setting %q; the settings are: quiet-period", a)
				}
				c.sub = a
				continue
			}
			if c.name == "settings" && c.value == "" {
				c.value = a
				continue
			}
			if c.name == "import" && a != "-" {
				c.files = append(c.files, a)
				continue
			}
			if c.name == "nodes" && c.sub == "" {
				if !nodesSubs[a] {
					return c, fmt.Errorf("unknown plexus nodes command %q; use list, duplicates, delete, tag or merge", a)
				}
				c.sub = a
				continue
			}
			if c.name == "nodes" && c.sub != "list" && c.sub != "duplicates" && a != "-" {
				c.ids = append(c.ids, a)
				continue
			}
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
			// "--add --json" is a missing value, not a tag called "--json"
			// (a value that starts with "--" is given as --add=--value).
			if next := args[i+1]; strings.HasPrefix(next, "--") {
				return "", fmt.Errorf("--%s needs a value (%s is the next option; a value starting with -- is written --%s=VALUE)", name, next, name)
			}
			i++
			return args[i], nil
		}
		if err := once(seen, name, singleValueFlags[name] && !(name == "in" && c.name == "import")); err != nil {
			return c, err
		}
		var err error
		switch {
		case name == "data-dir":
			c.dataDir, err = takeValue()
		case name == "help" || name == "h":
			c.help = true
		case name == "out" && (c.name == "backup" || c.name == "export"):
			c.out, err = takeValue()
		case name == "in" && c.name == "restore":
			c.in, err = takeValue()
		case name == "in" && c.name == "import":
			var f string
			f, err = takeValue()
			c.files = append(c.files, f)
		case name == "dry-run" && c.name == "import" && !hasVal:
			c.dryRun = true
		case name == "merge" && c.name == "import" && !hasVal:
			c.merge = true
		case name == "skip-unreadable" && c.name == "import" && !hasVal:
			c.skipBad = true
		case name == "kind" && c.name == "import":
			c.kind, err = takeValue()
		case name == "format" && c.name == "export":
			c.format, err = takeValue()
		case name == "replace" && c.name == "restore" && !hasVal:
			c.replace = true
		case name == "as-of" && c.name == "backup":
			if c.asOf, err = takeValue(); err == nil && strings.TrimSpace(c.asOf) == "" {
				err = fmt.Errorf("--as-of needs a date (YYYY-MM-DD) or an RFC 3339 time")
			}
		case name == "json" && (c.name == "check" || c.name == "nodes" || c.name == "due" || c.name == "journal" || c.name == "settings" || c.name == "views" || c.name == "search") && !hasVal:
			c.json = true
		case name == "yes" && c.name == "salvage" && !hasVal:
			c.yes = true
		case name == "change" && c.name == "encrypt" && !hasVal:
			c.change = true
		case name == "encrypt" && c.name == "backup" && !hasVal:
			c.encrypt = true
		case name == "add" && c.name == "nodes":
			var v string
			v, err = takeValue()
			c.add = append(c.add, v)
		case name == "remove" && c.name == "nodes":
			var v string
			v, err = takeValue()
			c.remove = append(c.remove, v)
		case name == "limit" && (c.name == "history" || c.name == "journal" || c.name == "search"):
			hi := 500
			if c.name == "search" {
				hi = search.MaxLimit // what the search service takes
			}
			c.limit, err = takeInt(takeValue, name, 1, hi)
		case name == "node" && (c.name == "journal" || c.name == "search"):
			var v string
			v, err = takeValue()
			c.nodes = append(c.nodes, v)
		case name == "type" && (c.name == "journal" || c.name == "search"):
			c.entryType, err = takeValue()
		case name == "date" && c.name == "journal":
			c.date, err = takeValue()
		case name == "tag" && (c.name == "journal" || c.name == "search"):
			var v string
			v, err = takeValue()
			c.tags = append(c.tags, v)
		case name == "goal" && c.name == "search":
			var v string
			v, err = takeValue()
			c.goals = append(c.goals, v)
		case name == "tz" && c.name == "journal":
			if c.tz, err = takeValue(); err == nil && strings.TrimSpace(c.tz) == "" {
				err = fmt.Errorf("--tz needs a time zone name such as Europe/Berlin")
			}
		case (name == "from" || name == "to") && (c.name == "search" || c.name == "journal"):
			var v string
			if v, err = takeValue(); err == nil {
				if _, perr := time.Parse(time.DateOnly, v); perr != nil {
					err = fmt.Errorf("--%s needs a date (YYYY-MM-DD), not %q", name, v)
				} else if name == "from" {
					c.from = v
				} else {
					c.to = v
				}
			}
		case name == "undo-limit" && c.name == "history":
			c.undoLimit, err = takeInt(takeValue, name, 1, 100_000)
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
	case c.encrypt && (c.out == "-" || c.asOf != ""):
		return c, fmt.Errorf("plexus backup --encrypt writes a file (--out FILE), of the network as it is now (no --as-of)")
	case c.name == "search" && strings.TrimSpace(strings.Join(c.text, " ")) == "":
		return c, fmt.Errorf("plexus search needs a QUERY (words, \"a phrase\", or a prefix*)")
	case c.name == "restore" && c.in == "":
		return c, fmt.Errorf("plexus restore needs --in FILE")
	case c.name == "import" && len(c.files) == 0:
		return c, fmt.Errorf("plexus import needs a FILE (or several: a node table and its tie table, a notes folder)")
	case c.name == "export" && (c.format == "" || c.out == ""):
		return c, fmt.Errorf("plexus export needs --format F and --out FILE (or --out - for stdout)")
	case c.name == "nodes" && c.sub == "":
		return c, fmt.Errorf("plexus nodes needs a command: list, duplicates, delete ID…, tag ID… --add TAG --remove TAG or merge KEEP OTHER…")
	case c.name == "nodes" && c.sub == "merge" && len(c.ids) < 2:
		return c, fmt.Errorf("plexus nodes merge needs the node to keep and at least one node to merge into it (ids or labels)")
	case c.name == "nodes" && c.sub != "list" && c.sub != "duplicates" && len(c.ids) == 0:
		return c, fmt.Errorf("plexus nodes %s needs the ids of the nodes (plexus nodes list shows them)", c.sub)
	case c.name == "nodes" && c.json && c.sub != "list" && c.sub != "duplicates" && c.sub != "merge":
		return c, fmt.Errorf("--json is for plexus nodes list, duplicates and merge")
	case c.name == "nodes" && c.sub != "tag" && len(c.add)+len(c.remove) > 0:
		return c, fmt.Errorf("--add and --remove are for plexus nodes tag")
	case c.name == "nodes" && c.sub == "tag" && len(c.add)+len(c.remove) == 0:
		return c, fmt.Errorf("plexus nodes tag needs --add TAG or --remove TAG (each may be repeated)")
	case c.asOf != "":
		if _, err := parseAsOf(c.asOf, time.Local); err != nil {
			return c, err
		}
	case c.dataDir == "" && hasFlag(args, "data-dir"):
		return c, fmt.Errorf("--data-dir needs a value")
	}
	switch {
	case c.help:
	case c.name == "journal":
		if err := checkJournalArgs(c); err != nil {
			return c, err
		}
	case c.name == "search":
		if err := checkSearchArgs(c); err != nil {
			return c, err
		}
	case c.name == "views" && c.sub == "delete" && len(c.text) != 1:
		return c, fmt.Errorf("plexus views delete needs one NAME (quote a name with spaces)")
	case c.name == "views" && c.sub == "rename" && len(c.text) != 2:
		return c, fmt.Errorf("plexus views rename needs NAME and NEW-NAME (quote names with spaces)")
	case c.name == "views" && c.sub != "" && c.json:
		return c, fmt.Errorf("--json is for listing the saved views")
	case c.name == "settings" && c.value != "":
		if n, err := strconv.Atoi(c.value); err != nil || pln.CheckQuietPeriod(n) != nil {
			return c, fmt.Errorf("plexus settings quiet-period takes a whole number of days, %d–%d, not %q", pln.MinQuietPeriodDays, pln.MaxQuietPeriodDays, c.value)
		}
		if c.json {
			return c, fmt.Errorf("--json is for showing the settings, not for setting one")
		}
	}
	return c, nil
}

// subcommandArgs walks the words after "plexus <cmd>" for the commands
// with subcommands of their own (goals, images): the first plain word must
// be one of subs (else an error naming cmd and use), later plain words go
// to word; --data-dir, --json and --help (-h) set c's fields, and each
// other --flag (or --flag=value) goes to flag with a take that returns its
// value (the next word when not given with "="); flag reports false for a
// flag cmd does not take. A single-value flag given twice is refused. "--"
// is a plain word.
func subcommandArgs(c *command, cmd, use string, subs func(string) bool, args []string, word func(string), flag func(name string, take func() (string, error)) (bool, error)) error {
	sub := &c.sub
	seen := map[string]bool{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "--") || a == "--" {
			if *sub == "" {
				if !subs(a) {
					return fmt.Errorf("unknown plexus %s command %q; use %s", cmd, a, use)
				}
				*sub = a
				continue
			}
			word(a)
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if err := once(seen, name, singleValueFlags[name]); err != nil {
			return err
		}
		take := func() (string, error) {
			if hasVal {
				return val, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("--%s needs a value", name)
			}
			i++
			return args[i], nil
		}
		ok, err := true, error(nil)
		switch name {
		case "data-dir":
			c.dataDir, err = take()
		case "json":
			c.json = true
		case "help", "h":
			c.help = true
		default:
			ok, err = flag(name, take)
		}
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("plexus %s does not take --%s", cmd, name)
		}
	}
	return nil
}

// singleValueFlags are the flags that take one value: given twice, the
// command line is refused rather than one of them silently kept.
// (--node, --tag, --goal, --add, --remove and import's --in repeat.)
var singleValueFlags = map[string]bool{
	"data-dir": true, "out": true, "in": true, "kind": true, "format": true, "as-of": true, "limit": true,
	"undo-limit": true, "type": true, "date": true, "tz": true, "from": true, "to": true,
	"status": true, "target": true, "description": true, "title": true,
}

// once records flag name in seen; a single-value flag (single) seen
// before is an error.
func once(seen map[string]bool, name string, single bool) error {
	if single && seen[name] {
		return fmt.Errorf("--%s is given twice", name)
	}
	seen[name] = true
	return nil
}

// wantsHelp: --help, -help or -h anywhere before a "--" asks for the
// usage text, whatever else the command line holds.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "--help", "-help", "-h", "--h":
			return true
		}
	}
	return false
}

// entryTypeNames is "reflection, interaction, resource or milestone".
func entryTypeNames() string {
	names := make([]string, len(pln.EntryTypes))
	for i, t := range pln.EntryTypes {
		names[i] = string(t)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// checkSearchArgs checks what "plexus search" was given.
func checkSearchArgs(c command) error {
	switch {
	case c.entryType != "" && !slices.Contains(pln.EntryTypes, pln.EntryType(c.entryType)):
		return fmt.Errorf("--type must be %s, not %q", entryTypeNames(), c.entryType)
	case c.from != "" && c.to != "" && c.from > c.to:
		return fmt.Errorf("--from (%s) is after --to (%s)", c.from, c.to)
	}
	for _, l := range c.nodes {
		if strings.TrimSpace(l) == "" {
			return fmt.Errorf("--node needs a label or an id")
		}
	}
	for _, g := range c.goals {
		if strings.TrimSpace(g) == "" {
			return fmt.Errorf("--goal needs a title or an id")
		}
	}
	return nil
}

// checkJournalArgs checks what "plexus journal add|list|drafts|days" was given.
func checkJournalArgs(c command) error {
	switch {
	case c.sub == "":
		return fmt.Errorf("plexus journal needs a command: add TEXT, list, drafts or days")
	case c.sub != "days" && (c.from != "" || c.to != "" || c.tz != ""):
		return fmt.Errorf("--from, --to and --tz are for plexus journal days")
	case c.sub == "drafts" && (c.entryType != "" || c.date != "" || len(c.tags) > 0 || len(c.nodes) > 0 || c.limit != 0):
		return fmt.Errorf("plexus journal drafts takes only --json")
	case c.sub == "days" && (c.entryType != "" || c.date != "" || len(c.tags) > 0 || len(c.nodes) > 0 || c.limit != 0):
		return fmt.Errorf("plexus journal days takes only --from, --to, --tz and --json")
	case c.sub == "days" && c.from != "" && c.to != "" && c.from > c.to:
		return fmt.Errorf("--from (%s) is after --to (%s)", c.from, c.to)
	case c.sub == "add" && strings.TrimSpace(strings.Join(c.text, " ")) == "":
		return fmt.Errorf("plexus journal add needs the entry's TEXT")
	case c.sub == "add" && c.json:
		return fmt.Errorf("--json is for plexus journal list")
	case c.sub == "add" && c.limit != 0:
		return fmt.Errorf("--limit is for plexus journal list")
	case c.sub == "add" && c.entryType != "" && !slices.Contains(pln.EntryTypes, pln.EntryType(c.entryType)):
		return fmt.Errorf("--type must be %s, not %q", entryTypeNames(), c.entryType)
	case c.sub == "list" && (c.entryType != "" || c.date != "" || len(c.tags) > 0):
		return fmt.Errorf("--type, --date and --tag are for plexus journal add")
	case c.sub == "list" && len(c.nodes) > 1:
		return fmt.Errorf("plexus journal list takes one --node")
	}
	for _, l := range c.nodes {
		if strings.TrimSpace(l) == "" {
			return fmt.Errorf("--node needs a label or an id")
		}
	}
	if c.date != "" {
		if _, err := parseEntryDateInRange(c.date, time.Local); err != nil {
			return err
		}
	}
	if c.tz != "" {
		if _, err := time.LoadLocation(c.tz); err != nil || strings.HasPrefix(c.tz, "/") {
			return fmt.Errorf("--tz must be an IANA time zone such as Europe/Berlin or UTC, not %q", c.tz)
		}
	}
	return nil
}

// parseEntryDate reads a journal add --date value: YYYY-MM-DD is the start
// of that day in loc, anything else must be an RFC 3339 time.
func parseEntryDate(s string, loc *time.Location) (time.Time, error) {
	if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return d, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--date must be a date (YYYY-MM-DD) or an RFC 3339 time such as 2026-01-31T09:00:00Z, not %q", s)
	}
	return t, nil
}

// firstEntryTime and lastEntryTime bound a journal entry's date: the
// store keeps years 1–9999 (UTC), and the very first instant is the zero
// time, which means "no date".
var (
	firstEntryTime = time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)
	lastEntryTime  = time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC)
)

// parseEntryDateInRange is parseEntryDate refusing a date outside the
// years the journal keeps.
func parseEntryDateInRange(s string, loc *time.Location) (time.Time, error) {
	t, err := parseEntryDate(s, loc)
	if err == nil && (t.Before(firstEntryTime) || t.After(lastEntryTime)) {
		return time.Time{}, fmt.Errorf("--date must be in the years 1–9999 (after 0001-01-01 00:00 UTC, before 10000-01-01 UTC), not %q", s)
	}
	return t, err
}

func takeInt(take func() (string, error), name string, lo, hi int) (int, error) {
	v, err := take()
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("--%s must be a whole number %d–%d, not %q", name, lo, hi, v)
	}
	return n, nil
}

// parseAsOf reads a --as-of value: YYYY-MM-DD is the end of that day in
// loc (the last nanosecond before the next day starts), anything else must
// be an RFC 3339 time.
func parseAsOf(s string, loc *time.Location) (time.Time, error) {
	if d, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return d.AddDate(0, 0, 1).Add(-time.Nanosecond), nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--as-of must be a date (YYYY-MM-DD) or an RFC 3339 time such as 2026-01-31T09:00:00Z, not %q", s)
	}
	return t, nil
}

func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == "--" { // the rest is text (journal add)
			return false
		}
		n, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && n == name {
			return true
		}
	}
	return false
}

// usageText is usage plus the formats the registry holds.
func usageText() string {
	var b strings.Builder
	b.WriteString(usage)
	b.WriteString(goalsUsage)
	b.WriteString(imagesUsage)
	b.WriteString(contextsUsage)
	b.WriteString(usageNotes)
	b.WriteString("\nFormats (import reads the format from the file's content; export --format NAME):\n")
	for _, f := range interchange.Formats() {
		var dirs []string
		if _, ok := f.(interchange.Importer); ok {
			dirs = append(dirs, "import")
		}
		if _, ok := f.(interchange.Exporter); ok {
			dirs = append(dirs, "export")
		}
		if len(dirs) == 0 {
			dirs = append(dirs, "restore")
		}
		if f.Name() == interchange.FormatBackup {
			dirs = []string{"export (plexus restore reads it)"}
		}
		fmt.Fprintf(&b, "  %-14s %s: %s\n", f.Name(), f.Title(), strings.Join(dirs, ", "))
	}
	return strings.TrimRight(b.String(), "\n")
}
