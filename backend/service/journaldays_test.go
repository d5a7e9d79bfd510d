package service

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// addAt writes an entry that occurred at the RFC 3339 time at.
func addAt(t *testing.T, e *env, at string) pln.Entry {
	t.Helper()
	when, err := time.Parse(time.RFC3339, at)
	noErr(t, err)
	return must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: when, Body: "at " + at}))
}

func dayList(d DayCounts) []string {
	var out []string
	for _, x := range d.Days {
		out = append(out, x.Date+"="+strings.Repeat("I", x.Entries))
	}
	return out
}

func TestDayCountsAcrossDSTAndZones(t *testing.T) {
	e := newEnv(t)
	for _, at := range []string{
		// Berlin springs forward on 2026-03-29 (CET +1 → CEST +2).
		"2026-03-28T22:59:00Z", // 23:59 CET on the 28th
		"2026-03-28T23:00:00Z", // 00:00 CET on the 29th
		"2026-03-29T21:59:00Z", // 23:59 CEST on the 29th (a 23-hour day)
		"2026-03-29T22:00:00Z", // 00:00 CEST on the 30th
		// Berlin falls back on 2026-10-25 (CEST +2 → CET +1): a 25-hour day.
		"2026-10-24T22:00:00Z", // 00:00 CEST on the 25th
		"2026-10-25T00:30:00Z", // 02:30 CEST
		"2026-10-25T01:30:00Z", // 02:30 CET (the hour again)
		"2026-10-25T22:59:00Z", // 23:59 CET on the 25th
		"2026-10-25T23:00:00Z", // 00:00 CET on the 26th
		// New York springs forward on 2026-03-08 (EST -5 → EDT -4).
		"2026-03-08T04:59:00Z", // 23:59 EST on the 7th
		"2026-03-08T05:00:00Z", // 00:00 EST on the 8th
		"2026-03-09T03:59:00Z", // 23:59 EDT on the 8th
		"2026-03-09T04:00:00Z", // 00:00 EDT on the 9th
	} {
		addAt(t, e, at)
	}
	berlin := must[DayCounts](t)(e.svc.Journal.DayCounts("2026-03-20", "2026-10-31", "Europe/Berlin"))
	want := []string{"2026-03-28=I", "2026-03-29=II", "2026-03-30=I", "2026-10-25=IIII", "2026-10-26=I"}
	if got := dayList(berlin); !slices.Equal(got, want) || berlin.Total != 9 || berlin.TZ != "Europe/Berlin" ||
		berlin.From != "2026-03-20" || berlin.To != "2026-10-31" {
		t.Fatalf("Berlin: %v total %d %+v, want %v", got, berlin.Total, berlin, want)
	}
	utc := must[DayCounts](t)(e.svc.Journal.DayCounts("2026-03-20", "2026-10-31", ""))
	want = []string{"2026-03-28=II", "2026-03-29=II", "2026-10-24=I", "2026-10-25=IIII"}
	if got := dayList(utc); !slices.Equal(got, want) || utc.TZ != "UTC" {
		t.Fatalf("UTC: %v, want %v", got, want)
	}
	// The range's ends are whole local days: the 29th alone in Berlin holds
	// the two entries from its midnight to its last minute, not the 30th's.
	one := must[DayCounts](t)(e.svc.Journal.DayCounts("2026-03-29", "2026-03-29", "Europe/Berlin"))
	if got := dayList(one); !slices.Equal(got, []string{"2026-03-29=II"}) {
		t.Fatalf("one day: %v", got)
	}
	ny := must[DayCounts](t)(e.svc.Journal.DayCounts("2026-03-07", "2026-03-09", "America/New_York"))
	if got := dayList(ny); !slices.Equal(got, []string{"2026-03-07=I", "2026-03-08=II", "2026-03-09=I"}) {
		t.Fatalf("New York: %v", got)
	}
	// Fourteen hours ahead: every one of March's instants is a day later.
	kiri := must[DayCounts](t)(e.svc.Journal.DayCounts("2026-03-29", "2026-03-30", "Pacific/Kiritimati"))
	if got := dayList(kiri); !slices.Equal(got, []string{"2026-03-29=II", "2026-03-30=II"}) {
		t.Fatalf("Kiritimati: %v", got)
	}
}

func TestDayCountsBadInput(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct{ from, to, tz, says string }{
		{"2026-03-02", "2026-03-01", "UTC", "after"},
		{"2026-03-01", "2026-03-02", "Mars/Olympus", "time zone"},
		{"2026-03-01", "2026-03-02", "../../etc/passwd", "time zone"},
		{"2026-03-01", "2026-03-02", strings.Repeat("A", 200), "time zone"},
		{"2020-01-01", "2026-01-01", "UTC", "at most 1100 days"},
		{"2026-02-30", "2026-03-02", "UTC", "from must be a date"},
		{"2026-03-01", "tomorrow", "UTC", "to must be a date"},
	} {
		_, err := e.svc.Journal.DayCounts(c.from, c.to, c.tz)
		wantCode(t, err, pln.CodeInvalid)
		if !strings.Contains(err.Error(), c.says) {
			t.Fatalf("%+v: %v", c, err)
		}
	}
	// The longest range there may be.
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, MaxDayCountDays-1).Format(time.DateOnly)
	must[DayCounts](t)(e.svc.Journal.DayCounts(from.Format(time.DateOnly), to, "UTC"))
}

func TestDayRangeDefaults(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	noErr(t, err)
	now := time.Date(2026, 12, 6, 23, 30, 0, 0, time.UTC) // already the 7th in Berlin
	first, last, err := dayRange("", "", berlin, now)
	noErr(t, err)
	if last.Format(time.DateOnly) != "2026-12-07" || calendarDays(first, last) != DefaultDayCountDays-1 {
		t.Fatalf("defaults: %s to %s", first, last)
	}
	first, last, err = dayRange("", "2026-04-01", berlin, now)
	noErr(t, err)
	// 371 days back across the autumn change: still whole days, at midnight.
	if first.Format(time.DateOnly) != "2025-03-27" || first.Hour() != 0 || last.Format(time.DateOnly) != "2026-04-01" {
		t.Fatalf("to only: %s to %s", first, last)
	}
}

func TestHTTPJournalDays(t *testing.T) {
	e := newEnv(t)
	addAt(t, e, "2026-12-07T10:00:00Z")
	addAt(t, e, "2026-12-07T11:00:00Z")
	gone := addAt(t, e, "2026-12-08T11:00:00Z")
	noErr(t, e.svc.Journal.DeleteEntry(gone.ID))
	h := NewHandler(e.svc, nil)
	w := serve(t, h, http.MethodGet, "/api/journal/days?from=2026-12-01&to=2026-12-31&tz=Asia%2FTokyo", nil)
	var d DayCounts
	noErr(t, json.Unmarshal(w.Body.Bytes(), &d))
	if w.Code != 200 || !slices.Equal(dayList(d), []string{"2026-12-07=II"}) || d.TZ != "Asia/Tokyo" {
		t.Fatalf("days %d %s", w.Code, w.Body)
	}
	decodeError(t, serve(t, h, http.MethodGet, "/api/journal/days?tz=Nowhere%2FLand", nil), 400, pln.CodeInvalid)
	decodeError(t, serve(t, h, http.MethodGet, "/api/journal/days?from=2026-12-09&to=2026-12-01", nil), 400, pln.CodeInvalid)
	decodeError(t, serve(t, h, http.MethodPost, "/api/journal/days", nil), 405, pln.CodeInvalid)
}
