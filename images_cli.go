package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/service"
)

// imageArgs are the parts of "plexus images …" (parseImagesArgs).
type imageArgs struct {
	words []string // the files (add) or the id (get)
	out   string   // get --out FILE
}

// imagesSubs are the words after "plexus images" ("" lists).
var imagesSubs = map[string]bool{"list": true, "add": true, "get": true}

const imagesUsage = `  plexus images [list] [--json] [--data-dir DIR]         the journal's images, one a line: id, type, width×height,
                                                         bytes; tab-separated, or JSON
  plexus images add FILE…                                keep PNG, JPEG, GIF or WebP files (≤ 5 MiB, ≤ 16384 px a
                                                         side, ≤ 50 megapixels; SVG refused) and print each one's
                                                         id and the Markdown that shows it in an entry: not a
                                                         step of the history (undo does not take it back)
  plexus images get ID --out FILE                        write an image's bytes to FILE (not over an existing file)
`

// parseImagesArgs parses the words after "plexus images" into c.
func parseImagesArgs(c command, args []string) (command, error) {
	err := subcommandArgs(&c, "images", "list, add or get", func(a string) bool { return imagesSubs[a] }, args,
		func(w string) { c.img.words = append(c.img.words, w) },
		func(name string, take func() (string, error)) (ok bool, err error) {
			switch name {
			case "out":
				c.img.out, err = take()
			default:
				return false, nil
			}
			return true, err
		})
	if err != nil {
		return c, err
	}
	if c.sub == "" {
		c.sub = "list"
	}
	switch {
	case c.help:
	case c.sub == "list" && len(c.img.words) > 0:
		return c, fmt.Errorf("plexus images list takes no arguments")
	case c.sub == "add" && len(c.img.words) == 0:
		return c, fmt.Errorf("plexus images add needs one or more files")
	case c.sub == "get" && len(c.img.words) != 1:
		return c, fmt.Errorf("plexus images get takes one image id")
	case c.sub == "get" && c.img.out == "":
		return c, fmt.Errorf("plexus images get needs --out FILE")
	case c.sub != "get" && c.img.out != "":
		return c, fmt.Errorf("--out is for plexus images get")
	case c.json && c.sub == "get":
		return c, fmt.Errorf("--json is for plexus images list and add")
	}
	if c.sub == "get" {
		if err := pln.CheckImageID(c.img.words[0]); err != nil {
			return c, errors.New(err.(*pln.Error).Message)
		}
	}
	return c, nil
}

// runImages is "plexus images …" (ImageService; outside the history).
func runImages(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	what := "plexus images " + cmd.sub
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		return fail(stderr, log, what, err)
	}
	defer closeStore(st, svc, log)
	switch cmd.sub {
	case "add":
		return addImages(svc, cmd, log, stdout, stderr)
	case "get":
		info, data, err := svc.Images.Get(cmd.img.words[0])
		if err == nil {
			err = writeNewFile(cmd.img.out, data)
		}
		if err != nil {
			return fail(stderr, log, what, err)
		}
		fmt.Fprintf(stdout, "%s\t%s\t%d×%d\t%d bytes\n", cmd.img.out, info.MIME, info.Width, info.Height, info.Size)
		return 0
	}
	list, err := svc.Images.List()
	if err != nil {
		return fail(stderr, log, what, err)
	}
	if cmd.json {
		return printJSON(stdout, stderr, list)
	}
	for _, im := range list {
		fmt.Fprintf(stdout, "%s\t%s\t%d×%d\t%d\n", im.ID, im.MIME, im.Width, im.Height, im.Size)
	}
	return 0
}

// addedImage is one line of "plexus images add --json".
type addedImage struct {
	File     string         `json:"file"`
	Image    *pln.ImageInfo `json:"image,omitempty"`
	Markdown string         `json:"markdown,omitempty"`
	Error    *pln.Error     `json:"error,omitempty"`
}

// addImages adds each file; one that is refused is said on stderr and the
// rest go on (exit 1 when any was refused).
func addImages(svc *service.Services, cmd command, log *slog.Logger, stdout, stderr io.Writer) int {
	rc := 0
	var out []addedImage
	for _, f := range cmd.img.words {
		info, err := addImagePath(svc.Images, f)
		if err != nil {
			rc = 1
			fmt.Fprintf(stderr, "plexus images add: %s\n", userMessage(log, err))
			out = append(out, addedImage{File: f, Error: service.PublicError(log, err)})
			continue
		}
		md := "![" + imageAlt(f) + "](plexus-image:" + info.ID + ")"
		out = append(out, addedImage{File: f, Image: &info, Markdown: md})
		if !cmd.json {
			fmt.Fprintf(stdout, "%s\t%s\n", info.ID, md)
		}
	}
	if cmd.json {
		if printJSON(stdout, stderr, out) != 0 {
			return 1
		}
	}
	return rc
}

// imageAlt is the alt text for a file: its base name without the extension,
// without the characters that would end the Markdown.
func imageAlt(path string) string {
	base := path[strings.LastIndexAny(path, `/\`)+1:]
	if i := strings.LastIndex(base, "."); i > 0 {
		base = base[:i]
	}
	base = strings.Join(strings.Fields(strings.NewReplacer("[", " ", "]", " ", `\`, " ").Replace(base)), " ")
	if strings.TrimSpace(base) == "" {
		return "image"
	}
	return base
}

// writeNewFile writes data to path, which must not exist (invalid
// otherwise, naming it).
func writeNewFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return pln.Invalid("%s exists already; choose another --out file.", path)
	}
	if err != nil {
		return pln.Invalid("%s cannot be written: %v", path, err)
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return pln.Invalid("%s cannot be written: %v", path, err)
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return pln.Invalid("%s cannot be written: %v", path, err)
	}
	return f.Close()
}

// printJSON writes v as indented JSON.
func printJSON(stdout, stderr io.Writer, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(stderr, "plexus images:", err)
		return 1
	}
	return 0
}
