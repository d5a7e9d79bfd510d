package store

import (
	"encoding/json"
	"fmt"
)

// encJSONv1 is the first byte of every record value: JSON, version 1.
const encJSONv1 byte = 0x01

// encode returns encJSONv1 followed by the JSON encoding of v.
func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("store: encode %T: %w", v, err)
	}
	out := make([]byte, 0, len(b)+1)
	out = append(out, encJSONv1)
	return append(out, b...), nil
}

// decode reads a value written by encode into v.
func decode(b []byte, v any) error {
	if len(b) == 0 || b[0] != encJSONv1 {
		var m byte
		if len(b) > 0 {
			m = b[0]
		}
		return fmt.Errorf("store: value encoding 0x%02x of %T is not known (want 0x%02x)", m, v, encJSONv1)
	}
	if err := json.Unmarshal(b[1:], v); err != nil {
		return fmt.Errorf("store: decode %T: %w", v, err)
	}
	return nil
}
