package pln

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

// pngOf encodes a w×h PNG.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.NRGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngHeader is a PNG signature and an IHDR chunk claiming w×h pixels (no
// pixel data: DecodeConfig reads only the header).
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	_ = binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// webpLossless is a RIFF/WEBP file with a VP8L header claiming w×h.
func webpLossless(w, h int) []byte {
	bits := uint32(w-1) | uint32(h-1)<<14 // alpha 0, version 0
	payload := []byte{0x2f, byte(bits), byte(bits >> 8), byte(bits >> 16), byte(bits >> 24)}
	payload = append(payload, 0) // pad to even
	var b bytes.Buffer
	b.WriteString("RIFF")
	_ = binary.Write(&b, binary.LittleEndian, uint32(4+8+len(payload)))
	b.WriteString("WEBPVP8L")
	_ = binary.Write(&b, binary.LittleEndian, uint32(5))
	b.Write(payload)
	return b.Bytes()
}

func TestCheckImageFormats(t *testing.T) {
	var jb, gb bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	if err := jpeg.Encode(&jb, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&gb, img, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, mime string
		data       []byte
		w, h       int
	}{
		{"png", "image/png", pngOf(t, 4, 3), 4, 3},
		{"jpeg", "image/jpeg", jb.Bytes(), 3, 2},
		{"gif", "image/gif", gb.Bytes(), 3, 2},
		{"webp", "image/webp", webpLossless(7, 5), 7, 5},
	} {
		info, err := CheckImage(c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if info.MIME != c.mime || info.Width != c.w || info.Height != c.h || info.Size != len(c.data) || info.ID != ImageID(c.data) || len(info.ID) != 32 {
			t.Fatalf("%s: %+v", c.name, info)
		}
		if err := CheckImageID(info.ID); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckImageRefuses(t *testing.T) {
	big := append(pngOf(t, 1, 1), make([]byte, MaxImageBytes)...)
	for _, c := range []struct {
		name string
		data []byte
		code Code
		msg  string
	}{
		{"empty", nil, CodeInvalid, "empty"},
		{"over 5 MiB", big, CodeTooLarge, "images up to 5 MiB (5242880 bytes)"},
		{"wide", pngHeader(16385, 10), CodeTooLarge, "16385 × 10 pixels; each side may be at most 16384"},
		{"tall", pngHeader(1, 20000), CodeTooLarge, "1 × 20000 pixels"},
		{"megapixels", pngHeader(10000, 6000), CodeTooLarge, "60.0 megapixels"},
		{"svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), CodeUnsupported, "SVG image (it can carry script)"},
		{"text", []byte("hello"), CodeUnsupported, "PNG, JPEG, GIF and WebP"},
		{"bmp", []byte("BM\x00\x00\x00\x00"), CodeUnsupported, "PNG, JPEG, GIF and WebP"},
		{"png magic, broken header", []byte("\x89PNG\r\n\x1a\nxxxx"), CodeUnsupported, "does not decode"},
	} {
		_, err := CheckImage(c.data)
		pe, ok := err.(*Error)
		if !ok || pe.Code != c.code || !strings.Contains(pe.Message, c.msg) {
			t.Errorf("%s: %v, want %s containing %q", c.name, err, c.code, c.msg)
		}
	}
	// At the limits exactly: accepted.
	if _, err := CheckImage(pngHeader(16384, 3000)); err != nil {
		t.Fatalf("16384 × 3000 (49 MP): %v", err)
	}
}

func TestCheckImageID(t *testing.T) {
	for _, bad := range []string{"", "abc", strings.Repeat("A", 32), strings.Repeat("g", 32), strings.Repeat("0", 33), "../../../../etc/passwd0000000000"} {
		if CheckImageID(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if a, b := ImageID([]byte("x")), ImageID([]byte{'x'}); a != b || a == ImageID([]byte("y")) || a != "2d711642b726b04401627ca9fbac32f5" {
		t.Fatal("ImageID is not a function of the bytes")
	}
}
