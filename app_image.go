package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/plexus-pln/plexus/backend/pln"
)

// maxImageBytes is the largest image of the map SaveImageDialog writes
// (a 4K screen at devicePixelRatio 2 is well under it as a PNG).
const maxImageBytes = 64 << 20

// imageKinds are the images the map exports (Export image…), by extension.
var imageKinds = map[string]struct{ title, magic string }{
	".png": {"PNG image", "\x89PNG\r\n\x1a\n"},
	".svg": {"SVG image", "<?xml"},
}

// imageFile checks an image the page made: a base name ending in .png or
// .svg and base64 bytes that start as that kind of file does. It returns
// the extension and the bytes.
func imageFile(name, dataBase64 string) (ext string, data []byte, err error) {
	ext = strings.ToLower(filepath.Ext(name))
	kind, ok := imageKinds[ext]
	if !ok || filepath.Base(name) != name {
		return "", nil, pln.Invalid("An image of the map is saved as .png or .svg, not as %q.", name)
	}
	if base64.StdEncoding.DecodedLen(len(dataBase64)) > maxImageBytes {
		return "", nil, pln.TooLarge("The image is over %d MiB.", maxImageBytes>>20)
	}
	data, err = base64.StdEncoding.DecodeString(dataBase64)
	if err != nil || !strings.HasPrefix(string(data), kind.magic) {
		return "", nil, pln.Invalid("The image of the map is not a %s.", kind.title)
	}
	return ext, data, nil
}

// SaveImageDialog asks where to save an image of the map that the page
// drew (Export image…: the current view as PNG or SVG, in the page's own
// pixels) with the native save dialog, and writes it there. name is the
// suggested file name; data is the file, base64. It returns the path
// written, or "" when the user cancelled. (A browser saves the same image
// as a download; the Wails webview has no downloads.)
func (a *App) SaveImageDialog(name, dataBase64 string) (string, error) {
	ext, data, err := imageFile(name, dataBase64)
	if err != nil {
		return "", err
	}
	ctx := a.wailsCtx()
	if ctx == nil {
		return "", pln.Conflict("The window is not ready yet.")
	}
	title := imageKinds[ext].title
	path, err := runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title:                "Export the map as a " + title,
		DefaultFilename:      name,
		Filters:              []runtime.FileFilter{{DisplayName: title + " (*" + ext + ")", Pattern: "*" + ext}},
		CanCreateDirectories: true,
	})
	if err != nil || path == "" {
		return "", err
	}
	if !strings.EqualFold(filepath.Ext(path), ext) {
		path += ext
	}
	if err := writeImage(path, data); err != nil {
		return "", pln.Invalid("Plexus could not write %s: %v.", path, err)
	}
	a.log.Info("exported map image", "path", path, "bytes", len(data))
	return path, nil
}

// writeImage writes data to path through a temporary file renamed into
// place, so a failed write leaves no half image.
func writeImage(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".plexus-image-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
	}
	return err
}
