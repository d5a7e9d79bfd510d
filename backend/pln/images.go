package pln

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// Journal images (docs/decisions/journal-images.md): pictures pasted or
// dropped into an entry, kept in the store and shown through the
// plexus-image:<id> scheme. These are the limits; the store and the HTTP
// handler enforce them through CheckImage.
const (
	MaxImageBytes  = 5 << 20    // bytes of one image file (5 MiB)
	MaxImageSide   = 16384      // pixels of the longer side
	MaxImagePixels = 50_000_000 // width × height (50 megapixels)
	ImageIDLen     = 32         // hex characters of an image id
)

// ImageInfo describes a stored image. ID is the lowercase hex of the first
// 16 bytes of the SHA-256 of the file's bytes (32 characters), so the same
// bytes always get the same id; MIME is one of image/png, image/jpeg,
// image/gif, image/webp; Width and Height are in pixels; Size in bytes.
type ImageInfo struct {
	ID     string `json:"id"`
	MIME   string `json:"mime"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Size   int    `json:"size"`
}

// ImageID returns the id of an image file's bytes: lowercase hex of the
// first 16 bytes of their SHA-256.
func ImageID(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// CheckImageID reports whether id is an image id: 32 lowercase hex
// characters (pln.Invalid otherwise).
func CheckImageID(id string) error {
	if len(id) != ImageIDLen {
		return Invalid("%q is not an image id (32 hex characters).", truncate(id, 40))
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return Invalid("%q is not an image id (32 lowercase hex characters).", truncate(id, 40))
		}
	}
	return nil
}

// ImageMIME returns the format of data from its first bytes (magic
// numbers): image/png, image/jpeg, image/gif or image/webp, or "" for
// anything else (SVG, BMP, HEIC, text…).
func ImageMIME(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "image/jpeg"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "image/gif"
	case len(data) >= 12 && bytes.Equal(data[0:4], []byte("RIFF")) && bytes.Equal(data[8:12], []byte("WEBP")):
		return "image/webp"
	}
	return ""
}

// CheckImage checks an image file's bytes and describes them. Errors:
//   - too_large for more than MaxImageBytes bytes, a side over
//     MaxImageSide pixels or more than MaxImagePixels pixels, each naming
//     the limit and the value;
//   - invalid for an empty file;
//   - unsupported for anything but PNG, JPEG, GIF and WebP (judged by the
//     magic bytes, never by a name or a declared type: SVG is refused, as
//     it can carry script), or a header that does not decode.
//
// Only the header is decoded (image.DecodeConfig), not the pixels.
func CheckImage(data []byte) (ImageInfo, error) {
	if len(data) == 0 {
		return ImageInfo{}, Invalid("The image is empty (0 bytes).")
	}
	if len(data) > MaxImageBytes {
		return ImageInfo{}, TooLarge("The image is %.1f MiB (%d bytes); images up to 5 MiB (%d bytes) can be added.", float64(len(data))/(1<<20), len(data), MaxImageBytes)
	}
	mime := ImageMIME(data)
	var decode func(r *bytes.Reader) (image.Config, error)
	switch mime {
	case "image/png":
		decode = func(r *bytes.Reader) (image.Config, error) { return png.DecodeConfig(r) }
	case "image/jpeg":
		decode = func(r *bytes.Reader) (image.Config, error) { return jpeg.DecodeConfig(r) }
	case "image/gif":
		decode = func(r *bytes.Reader) (image.Config, error) { return gif.DecodeConfig(r) }
	case "image/webp":
		decode = func(r *bytes.Reader) (image.Config, error) { return webp.DecodeConfig(r) }
	default:
		what := "this file"
		if looksLikeSVG(data) {
			what = "an SVG image (it can carry script)"
		}
		return ImageInfo{}, Unsupported("Plexus keeps PNG, JPEG, GIF and WebP images; %s is not one of them.", what)
	}
	cfg, err := decode(bytes.NewReader(data))
	if err != nil {
		return ImageInfo{}, Unsupported("The image looks like %s but its header does not decode: %v.", mime, err)
	}
	w, h := cfg.Width, cfg.Height
	if w <= 0 || h <= 0 {
		return ImageInfo{}, Unsupported("The image says it is %d × %d pixels; it has no pixels.", w, h)
	}
	if w > MaxImageSide || h > MaxImageSide {
		return ImageInfo{}, TooLarge("The image is %d × %d pixels; each side may be at most %d pixels.", w, h, MaxImageSide)
	}
	if px := int64(w) * int64(h); px > MaxImagePixels {
		return ImageInfo{}, TooLarge("The image is %d × %d pixels (%.1f megapixels); images up to 50 megapixels (%d pixels) can be added.", w, h, float64(px)/1e6, MaxImagePixels)
	}
	return ImageInfo{ID: ImageID(data), MIME: mime, Width: w, Height: h, Size: len(data)}, nil
}

// looksLikeSVG reports whether data starts (after blanks, a BOM, an XML
// declaration or comments) like an SVG document; only for the message.
func looksLikeSVG(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 1024)])
	return bytes.Contains(head, []byte("<svg"))
}
