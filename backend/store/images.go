package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Journal images (docs/decisions/journal-images.md): the bytes of a PNG,
// JPEG, GIF or WebP image under tagImage, keyed by its content id
// (pln.ImageID: the first 16 bytes of its SHA-256). They are kept content:
// outside the change log (adding one is no step and no undo; nothing
// deletes one but a restore's DropAll), written with Update (synced), in
// backups, listed by StateDump.

// encImageV1 marks an image value: format (1 byte), width and height
// (uint32 big-endian each), then the file's bytes.
const encImageV1 byte = 0x06

// imageHeaderLen is the value's bytes before the file: marker, format,
// width, height.
const imageHeaderLen = 1 + 1 + 4 + 4

// Image formats as the value's format byte stores them.
var imageFormats = []string{1: "image/png", 2: "image/jpeg", 3: "image/gif", 4: "image/webp"}

func imageFormatByte(mime string) (byte, bool) {
	for i, m := range imageFormats {
		if m != "" && m == mime {
			return byte(i), true
		}
	}
	return 0, false
}

// imageKey is tagImage | the id's 16 raw bytes; id is checked by
// pln.CheckImageID.
func imageKey(id string) ([]byte, error) {
	if err := pln.CheckImageID(id); err != nil {
		return nil, err
	}
	raw, _ := hex.DecodeString(id) // checked: 32 lowercase hex
	return key([]byte{tagImage}, raw), nil
}

func encodeImage(info pln.ImageInfo, data []byte) []byte {
	f, _ := imageFormatByte(info.MIME)
	v := make([]byte, imageHeaderLen, imageHeaderLen+len(data))
	v[0], v[1] = encImageV1, f
	binary.BigEndian.PutUint32(v[2:6], uint32(info.Width))
	binary.BigEndian.PutUint32(v[6:10], uint32(info.Height))
	return append(v, data...)
}

// decodeImageHeader reads an image value's header; size is the file's
// byte count.
func decodeImageHeader(k, v []byte) (pln.ImageInfo, error) {
	if len(v) < imageHeaderLen || v[0] != encImageV1 || int(v[1]) >= len(imageFormats) || imageFormats[v[1]] == "" {
		var m byte
		if len(v) > 0 {
			m = v[0]
		}
		return pln.ImageInfo{}, fmt.Errorf("store: image %x: value encoding 0x%02x (%d bytes) is not known (want 0x%02x)", k[1:], m, len(v), encImageV1)
	}
	return pln.ImageInfo{
		ID:     hex.EncodeToString(k[1:]),
		MIME:   imageFormats[v[1]],
		Width:  int(binary.BigEndian.Uint32(v[2:6])),
		Height: int(binary.BigEndian.Uint32(v[6:10])),
		Size:   len(v) - imageHeaderLen,
	}, nil
}

// PutImage keeps an image file's bytes (pln.CheckImage's rules: too_large,
// unsupported, invalid) and returns its description. Bytes the store holds
// already are not written again (the id is their hash): added reports
// whether they were new. Not logged: no step, no undo.
func (tx *Tx) PutImage(data []byte) (info pln.ImageInfo, added bool, err error) {
	info, err = pln.CheckImage(data)
	if err != nil {
		return pln.ImageInfo{}, false, err
	}
	k, _ := imageKey(info.ID)
	if _, err := tx.txn.Get(k); err == nil {
		return info, false, nil
	} else if !errors.Is(err, badger.ErrKeyNotFound) {
		return pln.ImageInfo{}, false, fmt.Errorf("store: get key %x: %w", k, err)
	}
	return info, true, tx.set(k, encodeImage(info, data))
}

// Image returns an image's description and bytes; pln.NotFound when the
// store holds none with that id, pln.Invalid for a malformed id.
func (tx *Tx) Image(id string) (pln.ImageInfo, []byte, error) {
	k, err := imageKey(id)
	if err != nil {
		return pln.ImageInfo{}, nil, err
	}
	v, ok, err := tx.get(k)
	if err != nil {
		return pln.ImageInfo{}, nil, err
	}
	if !ok {
		return pln.ImageInfo{}, nil, pln.NotFound("There is no image %s.", id)
	}
	info, err := decodeImageHeader(k, v)
	if err != nil {
		return pln.ImageInfo{}, nil, err
	}
	return info, v[imageHeaderLen:], nil
}

// Images calls fn with every kept image's description, in id order, and
// with its bytes when withData (a backup; else data is nil).
func (tx *Tx) Images(withData bool, fn func(info pln.ImageInfo, data []byte) error) error {
	p := []byte{tagImage}
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		item := it.Item()
		k := item.KeyCopy(nil)
		var info pln.ImageInfo
		var data []byte
		err := item.Value(func(v []byte) error {
			var err error
			if info, err = decodeImageHeader(k, v); err != nil {
				return err
			}
			if withData {
				data = bytes.Clone(v[imageHeaderLen:])
			}
			return nil
		})
		if err != nil {
			return err
		}
		if err := fn(info, data); err != nil {
			return err
		}
	}
	return nil
}

// LoadImages writes image files (a restore, after DropAll), one synced
// transaction each, checking each as PutImage does (its id is its hash).
// Images the store holds already are kept as they are.
func (s *Store) LoadImages(files [][]byte) error {
	for i, data := range files {
		if err := s.Update(func(tx *Tx) error { _, _, err := tx.PutImage(data); return err }); err != nil {
			return fmt.Errorf("image %d of %d: %w", i+1, len(files), err)
		}
	}
	return nil
}

// ReadImagesTolerant reads every image that can still be read whole and
// whose bytes still give its id (a salvage, a backup of a damaged store);
// each other one is a Problem ("image <id>": why).
func (s *Store) ReadImagesTolerant() (files [][]byte, problems []Problem) {
	var keys [][]byte
	if err := s.View(func(tx *Tx) error {
		var err error
		keys, err = tx.collectKeys([]byte{tagImage})
		return err
	}); err != nil {
		return nil, []Problem{{File: "images", Reason: firstLine(err.Error())}}
	}
	for _, k := range keys {
		id := hex.EncodeToString(k[1:])
		err := s.View(func(tx *Tx) error {
			_, data, err := tx.Image(id)
			if err != nil {
				return err
			}
			if got := pln.ImageID(data); got != id {
				return fmt.Errorf("its bytes have the id %s", got)
			}
			files = append(files, data)
			return nil
		})
		if err != nil {
			problems = append(problems, Problem{File: "image " + id, Reason: firstLine(err.Error())})
		}
	}
	return files, problems
}
