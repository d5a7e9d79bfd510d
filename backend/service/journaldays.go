package service

import (
	"strings"
	"time"
	_ "time/tzdata" // IANA zones everywhere (Windows has no zoneinfo of its own)

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// MaxDayCountDays is how many calendar days one DayCounts call may span
// (three years and a bit: the heat strip asks for 53 weeks).
const MaxDayCountDays = 1100

// DefaultDayCountDays is the span DayCounts reads when from is "": the
// last 53 weeks (371 days) up to and including to.
const DefaultDayCountDays = 371

// DayCounts is how many journal entries fall on each local calendar day
// of a range: From and To are calendar dates "YYYY-MM-DD" (both included),
// TZ the IANA zone name the days are reckoned in ("UTC" when none was
// given). Days lists only the days with at least one entry, oldest first;
// Total is their sum.
type DayCounts struct {
	From  string     `json:"from"`
	To    string     `json:"to"`
	TZ    string     `json:"tz"`
	Days  []DayCount `json:"days"`
	Total int        `json:"total"`
}

// DayCount is one day of DayCounts: Date "YYYY-MM-DD" (local to the zone),
// Entries the number of entries whose occurredAt falls in it.
type DayCount struct {
	Date    string `json:"date"`
	Entries int    `json:"entries"`
}

// DayCounts counts the entries per local calendar day from from to to
// (dates "YYYY-MM-DD", both included) in the IANA time zone tz (e.g.
// "Europe/Berlin", what the frontend's Intl reports; "" is UTC, "Local"
// this machine's zone). A day is midnight to midnight in tz, so a day with
// a daylight-saving change is 23 or 25 hours long. to "" is today in tz,
// from "" is DefaultDayCountDays days ending at to. Read in one
// transaction from the entry-by-date index (no entry is decoded).
// invalid: a malformed date, an unknown zone, from after to, or more than
// MaxDayCountDays days.
func (s *JournalService) DayCounts(from, to, tz string) (d DayCounts, err error) {
	defer recoverInto(s.c.log, "JournalService.DayCounts", &err)
	loc, name, err := loadZone(tz)
	if err != nil {
		return DayCounts{}, err
	}
	first, last, err := dayRange(from, to, loc, time.Now())
	if err != nil {
		return DayCounts{}, err
	}
	d = DayCounts{From: first.Format(time.DateOnly), To: last.Format(time.DateOnly), TZ: name, Days: []DayCount{}}
	start := first
	end := time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, loc)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		return tx.EntryTimes(start, end, func(t time.Time) error {
			day := t.In(loc).Format(time.DateOnly)
			if k := len(d.Days); k > 0 && d.Days[k-1].Date == day {
				d.Days[k-1].Entries++
			} else {
				d.Days = append(d.Days, DayCount{Date: day, Entries: 1})
			}
			d.Total++
			return nil
		})
	})
	if err != nil {
		return DayCounts{}, err
	}
	return d, nil
}

// loadZone resolves an IANA zone name ("" = UTC, "Local" = this machine's
// zone); invalid for a name that is not a known zone.
func loadZone(tz string) (*time.Location, string, error) {
	tz = strings.TrimSpace(tz)
	if tz == "" {
		return time.UTC, "UTC", nil
	}
	if len(tz) > 64 {
		return nil, "", pln.Invalid("The time zone %q is not one Plexus knows; give an IANA name such as Europe/Berlin.", truncateRunes(tz, 64)+"…")
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, "", pln.Invalid("The time zone %q is not one Plexus knows; give an IANA name such as Europe/Berlin.", tz)
	}
	return loc, loc.String(), nil
}

// dayRange reads from and to (YYYY-MM-DD, "" = the defaults of
// DayCounts, now giving today) as the starts of those days in loc.
func dayRange(from, to string, loc *time.Location, now time.Time) (first, last time.Time, err error) {
	n := now.In(loc)
	last = time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	if to != "" {
		if last, err = parseDay(to, "to", loc); err != nil {
			return
		}
	}
	first = time.Date(last.Year(), last.Month(), last.Day()-(DefaultDayCountDays-1), 0, 0, 0, 0, loc)
	if from != "" {
		if first, err = parseDay(from, "from", loc); err != nil {
			return
		}
	}
	if first.After(last) {
		return first, last, pln.Invalid("from (%s) is after to (%s).", first.Format(time.DateOnly), last.Format(time.DateOnly))
	}
	if days := calendarDays(first, last) + 1; days > MaxDayCountDays {
		return first, last, pln.Invalid("%s to %s is %d days; at most %d days are counted at once.", first.Format(time.DateOnly), last.Format(time.DateOnly), days, MaxDayCountDays)
	}
	return first, last, nil
}

// parseDay reads a calendar date YYYY-MM-DD as the start of that day in loc.
func parseDay(s, what string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return time.Time{}, pln.Invalid("%s must be a date (YYYY-MM-DD), not %q.", what, truncateRunes(s, 40))
	}
	return t, nil
}

// calendarDays is how many calendar days b lies after a (both at a day's
// start), counted on the dates alone so a DST change does not shift it.
func calendarDays(a, b time.Time) int {
	da := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(db.Sub(da).Hours() / 24)
}
