package service

import (
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// ImageService keeps the journal's images (docs/decisions/journal-images.md):
// PNG, JPEG, GIF and WebP files up to pln.MaxImageBytes, at most
// pln.MaxImageSide pixels a side and pln.MaxImagePixels pixels, stored once
// per content (the id is a hash of the bytes). An entry's body shows one as
// ![alt](plexus-image:<id>). Images are kept content, not network data:
// written with the store's Update (synced), outside the change log (no
// step, no undo, no event), never deleted but by a restore, and part of
// backups. Not bound to Wails: the webview uploads and reads them over
// HTTP (POST /api/images, GET /api/images/<id>); the CLI calls it directly.
type ImageService struct {
	c *core
}

// Add keeps an image file's bytes and describes them. The same bytes
// again return the same description and are not stored twice. Errors:
// too_large (over 5 MiB, a side over 16384 px, over 50 megapixels; the
// message names the limit and the value), unsupported (not PNG, JPEG, GIF
// or WebP by its magic bytes, SVG included, or a header that does not
// decode), invalid (empty), disk_full.
func (s *ImageService) Add(data []byte) (info pln.ImageInfo, err error) {
	defer recoverInto(s.c.log, "ImageService.Add", &err)
	if info, err = pln.CheckImage(data); err != nil {
		return pln.ImageInfo{}, err
	}
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	var added bool
	err = s.c.st.Update(func(tx *store.Tx) error {
		var err error
		info, added, err = tx.PutImage(data)
		return err
	})
	if err != nil {
		return pln.ImageInfo{}, err
	}
	s.c.log.Info("image added", "id", info.ID, "mime", info.MIME, "bytes", info.Size, "new", added)
	return info, nil
}

// Get returns an image's description and bytes: invalid for an id that is
// not 32 lowercase hex characters, not_found when none is kept.
func (s *ImageService) Get(id string) (info pln.ImageInfo, data []byte, err error) {
	defer recoverInto(s.c.log, "ImageService.Get", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		var err error
		info, data, err = tx.Image(id)
		return err
	})
	return info, data, err
}

// List describes every kept image, in id order (empty, never nil).
func (s *ImageService) List() (out []pln.ImageInfo, err error) {
	defer recoverInto(s.c.log, "ImageService.List", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	out = []pln.ImageInfo{}
	err = s.c.st.View(func(tx *store.Tx) error {
		return tx.Images(false, func(info pln.ImageInfo, _ []byte) error {
			out = append(out, info)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
