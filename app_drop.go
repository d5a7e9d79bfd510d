package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/service"
)

// Native file drops (docs/decisions/journal-images.md): Wails hands the
// dropped paths to Go with the drop point. What they are depends on where
// they landed, which only the page knows (document.elementFromPoint): Go
// holds the paths under a drop id and emits files:dropped; the page calls
// DropImages (the entry editor was under the point) or DropImport (anything
// else) with that id, once.

// dropTTL is how long the paths of a drop wait for the page's decision.
const dropTTL = 2 * time.Minute

type heldDrop struct {
	paths []string
	at    time.Time
}

// drops holds the paths of native drops until the page routes them.
type drops struct {
	mu   sync.Mutex
	held map[string]heldDrop
	now  func() time.Time // nil: time.Now
}

func (d *drops) clock() time.Time {
	if d.now == nil {
		return time.Now()
	}
	return d.now()
}

// hold keeps paths and answers their drop id; drops older than dropTTL
// are forgotten.
func (d *drops) hold(paths []string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.clock()
	if d.held == nil {
		d.held = map[string]heldDrop{}
	}
	for id, h := range d.held {
		if now.Sub(h.at) > dropTTL {
			delete(d.held, id)
		}
	}
	id := pln.NewID()
	d.held[id] = heldDrop{paths: append([]string(nil), paths...), at: now}
	return id
}

// take answers the paths of drop id and forgets them; not_found when the
// id names no drop held (taken already, or older than dropTTL).
func (d *drops) take(id string) ([]string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	h, ok := d.held[id]
	if !ok || d.clock().Sub(h.at) > dropTTL {
		delete(d.held, id)
		return nil, pln.NotFound("The dropped files are no longer held; drop them again.")
	}
	delete(d.held, id)
	return h.paths, nil
}

// onFileDrop is the runtime.OnFileDrop callback: hold the paths and let
// the page decide (files:dropped).
func (a *App) onFileDrop(x, y int, paths []string) {
	a.log.Info("native file drop", "x", x, "y", y, "files", len(paths))
	id := a.drops.hold(paths)
	a.emit(pln.EventFilesDropped, pln.FilesDropped{DropID: id, X: x, Y: y, Count: len(paths)})
}

// DroppedImage is one file of a native drop that DropImages read: Info
// when it is kept as an image, else Error (too_large, unsupported…).
type DroppedImage struct {
	Name  string         `json:"name"`
	Info  *pln.ImageInfo `json:"info,omitempty"`
	Error *pln.Error     `json:"error,omitempty"`
}

// DropImages stores the files of native drop dropID as journal images
// (the page found the entry editor under the drop point) and answers one
// result per file, in drop order. A file over pln.MaxImageBytes is refused
// without being read. not_found when the drop is no longer held.
func (a *App) DropImages(dropID string) ([]DroppedImage, error) {
	paths, err := a.drops.take(dropID)
	if err != nil {
		return nil, err
	}
	out := make([]DroppedImage, 0, len(paths))
	for _, p := range paths {
		r := DroppedImage{Name: filepath.Base(p)}
		info, err := a.addImageFile(p)
		if err != nil {
			r.Error = service.PublicError(a.log, err)
		} else {
			r.Info = &info
		}
		out = append(out, r)
	}
	a.log.Info("dropped images", "files", len(paths))
	return out, nil
}

// addImageFile reads one image file (at most pln.MaxImageBytes) and keeps it.
func (a *App) addImageFile(path string) (pln.ImageInfo, error) {
	return addImagePath(a.svc.Images, path)
}

// addImagePath reads the image file at path, refusing one over
// pln.MaxImageBytes before reading it, and adds it to images.
func addImagePath(images *service.ImageService, path string) (pln.ImageInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return pln.ImageInfo{}, pln.Invalid("%s cannot be read: %v", filepath.Base(path), err)
	}
	if !fi.Mode().IsRegular() {
		return pln.ImageInfo{}, pln.Invalid("%s is not a file.", filepath.Base(path))
	}
	if fi.Size() > pln.MaxImageBytes {
		return pln.ImageInfo{}, pln.TooLarge("%s is %.1f MiB (%d bytes); images up to 5 MiB (%d bytes) can be added.", filepath.Base(path), float64(fi.Size())/(1<<20), fi.Size(), pln.MaxImageBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return pln.ImageInfo{}, pln.Invalid("%s cannot be read: %v", filepath.Base(path), err)
	}
	info, err := images.Add(data)
	if err != nil {
		return pln.ImageInfo{}, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return info, nil
}

// DropImport previews the files of native drop dropID as one import (the
// drop point was not on an image drop zone): the preview arrives as
// import:preview, as a native drop always did. not_found when the drop is
// no longer held.
func (a *App) DropImport(dropID string) error {
	paths, err := a.drops.take(dropID)
	if err != nil {
		return err
	}
	go a.importDropped(context.Background(), paths)
	return nil
}
