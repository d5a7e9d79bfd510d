package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/service"
)

// contractFile is the frontend's copy of the Go↔TypeScript contract:
// generated from the Go values below, never edited by hand.
const contractFile = "frontend/src/api/contract.gen.ts"

// TestFrontendContract checks that frontend/src/api/contract.gen.ts is what
// the Go code says (kinds, relations, roles, modes, statuses, entry types,
// default contexts, limits, event names, event reasons, the columns of GET
// /api/network). Run `UPDATE_CONTRACT=1 go test -run TestFrontendContract .`
// (or `make contract`) after changing any of them, and commit the file.
func TestFrontendContract(t *testing.T) {
	want := renderContract(t)
	if os.Getenv("UPDATE_CONTRACT") != "" {
		if err := os.WriteFile(contractFile, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(contractFile)
	if err != nil {
		t.Fatalf("%v (generate it: make contract)", err)
	}
	if string(got) != want {
		t.Fatalf("%s is out of date with the Go code: run `make contract` and commit it", contractFile)
	}
}

func renderContract(t *testing.T) string {
	var b strings.Builder
	b.WriteString("// Generated from the Go code by contract_test.go (make contract). DO NOT EDIT.\n")
	b.WriteString("// The Go side is the judge: backend/pln (values, limits, events) and backend/service (columns).\n\n")
	list := func(name string, v any) {
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "export const %s = %s as const;\n", name, strings.ReplaceAll(string(j), ",", ", "))
	}
	list("KINDS", pln.Kinds)
	list("RELATIONS", pln.Relations)
	list("ROLES", pln.Roles)
	list("MODES", pln.Modes)
	list("STATUSES", pln.Statuses)
	list("ENTRY_TYPES", pln.EntryTypes)
	list("CONTEXTS", pln.Contexts)
	list("VIEW_DIMS", pln.ViewDims)
	list("VIEW_SIZES", pln.ViewSizes)
	list("GOAL_STATUSES", pln.GoalStatuses)
	b.WriteString("\n/** Limits from backend/pln/validate.go (characters unless the name says bytes). */\nexport const LIMITS = {\n")
	for _, l := range []struct {
		name string
		v    any
	}{
		{"label", pln.MaxLabelLen}, {"bodyBytes", pln.MaxBodyBytes}, {"tag", pln.MaxTagLen}, {"tags", pln.MaxTags},
		{"url", pln.MaxURLLen}, {"emails", pln.MaxEmails}, {"organisation", pln.MaxOrganisation},
		{"relation", pln.MaxRelationLen}, {"note", pln.MaxNoteLen}, {"cadence", pln.MaxCadenceDays},
		{"entryNodes", pln.MaxEntryNodes}, {"coordinate", pln.MaxCoordinate},
		{"quietPeriod", pln.MaxQuietPeriodDays}, {"viewName", pln.MaxViewNameLen}, {"views", pln.MaxViews}, {"focusSteps", pln.MaxFocusSteps}, {"positions", service.MaxPositions}, {"subsetIds", service.MaxSubsetIDs}, {"dayCountDays", service.MaxDayCountDays}, {"bulkNodes", service.MaxBulk},
		{"goalTitle", pln.MaxGoalTitleLen}, {"goalDescription", pln.MaxGoalDescriptionLen}, {"goalNodes", pln.MaxGoalNodes}, {"goals", pln.MaxGoals},
		{"imageBytes", pln.MaxImageBytes}, {"imageSide", pln.MaxImageSide}, {"imagePixels", pln.MaxImagePixels},
	} {
		fmt.Fprintf(&b, "  %s: %v,\n", l.name, l.v)
	}
	b.WriteString("} as const;\n\n")
	b.WriteString("/** Event names (backend/pln/events.go). */\n")
	for _, e := range pln.Events {
		fmt.Fprintf(&b, "export const EVENT_%s = %q;\n", strings.ToUpper(strings.ReplaceAll(e, ":", "_")), e)
	}
	b.WriteString("\n/** Why records changed: the reason of network:changed and journal:changed. */\n")
	list("REASONS", pln.Reasons)
	b.WriteString("export type Reason = (typeof REASONS)[number];\n\n")
	b.WriteString("/** Error codes (backend/pln/errors.go): the frontend branches on these, never on messages. */\n")
	list("ERROR_CODES", pln.Codes)
	b.WriteString("\n")
	b.WriteString("/** The columns of GET /api/network (service.NodeColumns, service.TieColumns). */\n")
	list("NODE_COLUMNS", jsonNames(reflect.TypeFor[service.NodeColumns]()))
	list("TIE_COLUMNS", jsonNames(reflect.TypeFor[service.TieColumns]()))
	b.WriteString("\n/** The columns of GET /api/activity and JournalService.Activity (service.ActivityNodeColumns). */\n")
	list("ACTIVITY_COLUMNS", jsonNames(reflect.TypeFor[service.ActivityNodeColumns]()))
	fmt.Fprintf(&b, "export const DEFAULT_QUIET_PERIOD_DAYS = %d;\n", pln.DefaultQuietPeriodDays)
	return b.String()
}

func jsonNames(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		out = append(out, name)
	}
	return out
}
