package service

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
)

// ColumnarNetwork is the body of GET /api/network: the network as parallel
// arrays (index i of every node column is node i; a tie's ends are indexes
// into the node columns), about a sixth of the size of []pln.Node in JSON.
// See docs/api.md.
//
// The subset form (GET /api/network?node=ID&tie=ID…) has the same columns
// holding only the requested records that exist plus the ends of the
// returned ties, with Partial set and Missing listing the requested ids
// that do not exist.
type ColumnarNetwork struct {
	Version int         `json:"version"` // 2 (1 sent tie ends as id strings)
	Ego     string      `json:"ego"`
	Nodes   NodeColumns `json:"nodes"`
	Ties    TieColumns  `json:"ties"`
	Partial bool        `json:"partial,omitempty"`
	Missing *Missing    `json:"missing,omitempty"`
}

// Missing lists the ids a subset request named that do not exist (deleted,
// or never created). Both lists are present, possibly empty.
type Missing struct {
	Nodes []string `json:"nodes"`
	Ties  []string `json:"ties"`
}

// MaxSubsetIDs is how many ids (node and tie parameters together) one
// subset request of GET /api/network may name.
const MaxSubsetIDs = 1000

// NodeColumns are the node columns of ColumnarNetwork. Unset enums are "",
// unset strength 0, absent tags/contexts [].
type NodeColumns struct {
	ID       []string     `json:"id"`
	Label    []string     `json:"label"`
	Kind     []pln.Kind   `json:"kind"`
	X        []float64    `json:"x"`
	Y        []float64    `json:"y"`
	Pinned   []bool       `json:"pinned"`
	Tags     [][]string   `json:"tags"`
	Relation []string     `json:"relation"`
	Strength []int        `json:"strength"`
	Status   []pln.Status `json:"status"`
	Role     []pln.Role   `json:"role"`
	Contexts [][]string   `json:"contexts"`
	Mode     []pln.Mode   `json:"mode"`
}

// TieColumns are the tie columns of ColumnarNetwork. From and To are
// indexes into NodeColumns (a tie id string is 36 bytes; an index is at
// most 5 digits at the sizes Plexus targets).
type TieColumns struct {
	ID       []string `json:"id"`
	From     []int    `json:"from"`
	To       []int    `json:"to"`
	Relation []string `json:"relation"`
	Directed []bool   `json:"directed"`
	Strength []int    `json:"strength"`
}

// Columnar converts nw to its columnar form.
func Columnar(nw Network) ColumnarNetwork {
	n, t := len(nw.Nodes), len(nw.Ties)
	c := ColumnarNetwork{Version: 2, Ego: nw.Ego,
		Nodes: NodeColumns{
			ID: make([]string, n), Label: make([]string, n), Kind: make([]pln.Kind, n),
			X: make([]float64, n), Y: make([]float64, n), Pinned: make([]bool, n), Tags: make([][]string, n),
			Relation: make([]string, n), Strength: make([]int, n), Status: make([]pln.Status, n),
			Role: make([]pln.Role, n), Contexts: make([][]string, n), Mode: make([]pln.Mode, n),
		},
		Ties: TieColumns{
			ID: make([]string, 0, t), From: make([]int, 0, t), To: make([]int, 0, t),
			Relation: make([]string, 0, t), Directed: make([]bool, 0, t), Strength: make([]int, 0, t),
		},
	}
	index := make(map[string]int, n)
	for i, x := range nw.Nodes {
		index[x.ID] = i
		c.Nodes.ID[i], c.Nodes.Label[i], c.Nodes.Kind[i] = x.ID, x.Label, x.Kind
		c.Nodes.X[i], c.Nodes.Y[i], c.Nodes.Pinned[i] = x.X, x.Y, x.Pinned
		c.Nodes.Tags[i], c.Nodes.Contexts[i] = nonNil(x.Tags), nonNil(x.Contexts)
		c.Nodes.Relation[i], c.Nodes.Strength[i], c.Nodes.Status[i] = x.Relation, x.Strength, x.Status
		c.Nodes.Role[i], c.Nodes.Mode[i] = x.Role, x.Mode
	}
	for _, x := range nw.Ties {
		from, okFrom := index[x.From]
		to, okTo := index[x.To]
		if !okFrom || !okTo {
			continue // the store never returns such a tie; never send a dangling index
		}
		c.Ties.ID = append(c.Ties.ID, x.ID)
		c.Ties.From, c.Ties.To = append(c.Ties.From, from), append(c.Ties.To, to)
		c.Ties.Relation = append(c.Ties.Relation, x.Relation)
		c.Ties.Directed = append(c.Ties.Directed, x.Directed)
		c.Ties.Strength = append(c.Ties.Strength, x.Strength)
	}
	return c
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// NewHandler returns the http.Handler for wails' AssetServer.Handler. Wails
// calls it for every GET the embedded assets cannot serve (file not found)
// and for every other method, so it only answers /api/*:
//
//	GET  /api/network                 ColumnarNetwork
//	GET  /api/network?node=ID&tie=ID… ColumnarNetwork, subset form (≤ MaxSubsetIDs ids)
//	GET  /api/journal?from=&to=&node=&limit=&cursor=   EntryPage
//	GET  /api/journal/days?from=D&to=D&tz=Z   DayCounts: entries per local day (journaldays.go)
//	POST /api/import?name=FILE        pln.ImportResult (body: the file, ≤ 32 MiB)
//	POST /api/import/preview          pln.ImportPreview (body: multipart/form-data, parts "file"; or one file with ?name=)
//	GET  /api/export?format=F         the export (one file, or a zip of several), as a download
//	GET  /api/backup                  the backup JSON, as a download
//	GET  /api/network?at=T            ColumnarNetwork as of time T (RFC 3339), read-only
//	GET  /api/network?at=T&from=S     the subset form: what turns the network at S into the one at T
//	GET  /api/history?before=&limit=  HistoryPage: the change log, newest first
//	GET  /api/history/diff?from=T&to=T  Diff: what changed between two times
//	GET  /api/activity                ActivityColumns: every alter's activity now (activity.go)
//	GET  /api/search?q=&kind=&from=&to=&node=&tag=&type=&limit=  search.Result (search_service.go)
//	POST /api/images                  pln.ImageInfo (body: the image file, ≤ pln.MaxImageBytes; images.go)
//	GET  /api/images/<id>             the image's bytes, its own Content-Type, cached as immutable
//
// Errors are {"code","message"} JSON with status 400 (invalid, unsupported),
// 403 (a cross-site request), 404 (not_found, unknown path), 405 (wrong
// method), 409 (conflict), 413 (too_large) or 500 (internal). Paths outside
// /api/ get a plain 404. Every response carries X-Content-Type-Options:
// nosniff and Cache-Control: no-store (but an image, whose id is its hash:
// public, max-age one year, immutable).
func NewHandler(s *Services, log *slog.Logger) http.Handler {
	if log == nil {
		log = s.Network.c.log
	}
	return &apiHandler{s: s, log: log}
}

type apiHandler struct {
	s   *Services
	log *slog.Logger
}

func (h *apiHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	defer func() {
		if rec := recover(); rec != nil {
			h.log.Error("panic in HTTP handler", "path", r.URL.Path, "panic", fmt.Sprint(rec), "stack", string(debug.Stack()))
			h.writeError(w, errors.New("panic"))
		}
	}()
	if !strings.HasPrefix(r.URL.Path, "/api/") {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	// A page on another site must not drive the API (the dev build serves it
	// on 127.0.0.1, reachable from any browser tab).
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		h.writeJSON(w, http.StatusForbidden, &pln.Error{Code: pln.CodeInvalid, Message: "Cross-site requests to the Plexus API are refused."})
		return
	}
	route, ok := map[string]struct {
		method string
		fn     func(http.ResponseWriter, *http.Request)
	}{
		"/api/network":        {http.MethodGet, h.network},
		"/api/journal":        {http.MethodGet, h.journal},
		"/api/journal/days":   {http.MethodGet, h.journalDays},
		"/api/import":         {http.MethodPost, h.importFile},
		"/api/import/preview": {http.MethodPost, h.importPreview},
		"/api/export":         {http.MethodGet, h.export},
		"/api/backup":         {http.MethodGet, h.backup},
		"/api/history":        {http.MethodGet, h.history},
		"/api/history/diff":   {http.MethodGet, h.historyDiff},
		"/api/activity":       {http.MethodGet, h.activity},
		"/api/search":         {http.MethodGet, h.search},
		"/api/images":         {http.MethodPost, h.addImage},
	}[r.URL.Path]
	if !ok && strings.HasPrefix(r.URL.Path, "/api/images/") {
		route.method, route.fn, ok = http.MethodGet, h.image, true
	}
	if !ok {
		h.writeJSON(w, http.StatusNotFound, pln.NotFound("There is no API at %s.", truncateRunes(r.URL.Path, 100)))
		return
	}
	if r.Method != route.method && !(route.method == http.MethodGet && r.Method == http.MethodHead) {
		w.Header().Set("Allow", route.method)
		h.writeJSON(w, http.StatusMethodNotAllowed, pln.Invalid("%s takes %s, not %s.", r.URL.Path, route.method, r.Method))
		return
	}
	route.fn(w, r)
}

func (h *apiHandler) network(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	nodeIDs, hasNodes := v["node"]
	tieIDs, hasTies := v["tie"]
	if at, ok := v["at"]; ok {
		if hasNodes || hasTies {
			h.writeError(w, pln.Invalid("at cannot be combined with node or tie."))
			return
		}
		t, err := requiredTime(at[0], "at")
		if err != nil {
			h.writeError(w, err)
			return
		}
		if fromS := v.Get("from"); fromS != "" {
			from, err := queryTime(fromS, "from")
			if err != nil {
				h.writeError(w, err)
				return
			}
			c, err := h.s.History.asOfDelta(from, t)
			if err != nil {
				h.writeError(w, err)
				return
			}
			h.writeJSON(w, http.StatusOK, c)
			return
		}
		nw, _, err := h.s.History.asOf(t)
		if err != nil {
			h.writeError(w, err)
			return
		}
		h.writeJSON(w, http.StatusOK, Columnar(nw))
		return
	}
	if hasNodes || hasTies {
		h.networkSubset(w, nodeIDs, tieIDs)
		return
	}
	b, err := h.s.Network.networkBody()
	if err != nil {
		h.writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// networkSubset answers GET /api/network?node=…&tie=…: the named records
// that exist, the ends of those ties, and the ids that do not exist.
func (h *apiHandler) networkSubset(w http.ResponseWriter, nodeIDs, tieIDs []string) {
	if n := len(nodeIDs) + len(tieIDs); n > MaxSubsetIDs {
		h.writeError(w, pln.Invalid("%d ids in one request; the limit is %d (load the whole network instead).", n, MaxSubsetIDs))
		return
	}
	for _, id := range nodeIDs {
		if err := pln.CheckID("node", id); err != nil {
			h.writeError(w, err)
			return
		}
	}
	for _, id := range tieIDs {
		if err := pln.CheckID("tie", id); err != nil {
			h.writeError(w, err)
			return
		}
	}
	c, err := h.s.Network.subset(nodeIDs, tieIDs)
	if err != nil {
		h.writeError(w, err)
		return
	}
	h.writeJSON(w, http.StatusOK, c)
}

func (h *apiHandler) journal(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	var q EntryQuery
	var err error
	if q.From, err = queryTime(v.Get("from"), "from"); err != nil {
		h.writeError(w, err)
		return
	}
	if q.To, err = queryTime(v.Get("to"), "to"); err != nil {
		h.writeError(w, err)
		return
	}
	if s := v.Get("limit"); s != "" {
		if q.Limit, err = strconv.Atoi(s); err != nil || q.Limit < 1 {
			h.writeError(w, pln.Invalid("limit must be a whole number 1–%d, not %q.", MaxEntryLimit, truncateRunes(s, 20)))
			return
		}
	}
	q.NodeID, q.Cursor = v.Get("node"), v.Get("cursor")
	page, err := h.s.Journal.ListEntries(q)
	if err != nil {
		h.writeError(w, err)
		return
	}
	h.writeJSON(w, http.StatusOK, page)
}

// journalDays answers GET /api/journal/days?from=YYYY-MM-DD&to=YYYY-MM-DD&tz=ZONE:
// DayCounts (JournalService.DayCounts; every parameter may be left out).
func (h *apiHandler) journalDays(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	d, err := h.s.Journal.DayCounts(v.Get("from"), v.Get("to"), v.Get("tz"))
	if err != nil {
		h.writeError(w, err)
		return
	}
	h.writeJSON(w, http.StatusOK, d)
}

// history answers GET /api/history?before=STEP&limit=N: one HistoryPage.
func (h *apiHandler) history(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	limit := 0
	if s := v.Get("limit"); s != "" {
		var err error
		if limit, err = strconv.Atoi(s); err != nil || limit < 1 || limit > 500 {
			h.writeError(w, pln.Invalid("limit must be a whole number 1–500, not %q.", truncateRunes(s, 20)))
			return
		}
	}
	page, err := h.s.History.Steps(v.Get("before"), limit)
	if err != nil {
		h.writeError(w, err)
		return
	}
	h.writeJSON(w, http.StatusOK, page)
}

// historyDiff answers GET /api/history/diff?from=T&to=T (to: now when absent).
func (h *apiHandler) historyDiff(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	from, err := requiredTime(v.Get("from"), "from")
	if err != nil {
		h.writeError(w, err)
		return
	}
	to, err := queryTime(v.Get("to"), "to")
	if err != nil {
		h.writeError(w, err)
		return
	}
	if to.IsZero() {
		to = h.s.History.c.now().UTC()
	}
	d, err := h.s.History.diff(from, to)
	if err != nil {
		h.writeError(w, err)
		return
	}
	h.writeJSON(w, http.StatusOK, d)
}

// requiredTime is queryTime for a parameter that must be there.
func requiredTime(s, name string) (time.Time, error) {
	t, err := queryTime(s, name)
	if err == nil && t.IsZero() {
		err = pln.Invalid("%s is required: an RFC 3339 time such as 2026-01-31T09:00:00Z.", name)
	}
	return t, err
}

func queryTime(s, name string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, pln.Invalid("%s must be an RFC 3339 time such as 2026-01-31T09:00:00Z, not %q.", name, truncateRunes(s, 40))
	}
	return t, nil
}

func (h *apiHandler) importFile(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "dropped file"
	}
	if r.ContentLength > MaxImportBytes {
		h.writeError(w, pln.TooLarge("%s is %.1f MiB; files up to %d MiB can be imported.", displayName(name), float64(r.ContentLength)/(1<<20), MaxImportBytes>>20))
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxImportBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			h.writeError(w, pln.TooLarge("%s is over %d MiB; files up to %d MiB can be imported.", displayName(name), MaxImportBytes>>20, MaxImportBytes>>20))
			return
		}
		h.writeError(w, fmt.Errorf("reading the import body: %w", err))
		return
	}
	res, err := h.s.Files.ImportFileContext(r.Context(), name, data)
	if err != nil {
		h.writeError(w, err)
		return
	}
	h.writeJSON(w, http.StatusOK, res)
}

// importPreview reads the files of one import — the "file" parts of a
// multipart form (each ≤ 32 MiB, ≤ MaxImportTotalBytes in all), or the raw
// body as one file named by ?name= — and answers their preview.
func (h *apiHandler) importPreview(w http.ResponseWriter, r *http.Request) {
	var files []interchange.File
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		mr, err := r.MultipartReader()
		if err != nil {
			h.writeError(w, pln.Invalid("The upload is not a readable multipart form: %v.", err))
			return
		}
		total := 0
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				h.writeError(w, pln.Invalid("The upload is cut short or malformed: %v.", err))
				return
			}
			if part.FormName() != "file" {
				continue
			}
			// Browsers escape these three in a multipart file name (the
			// HTML standard's form-data encoding); nothing else.
			name := strings.NewReplacer("%22", `"`, "%0D", "\r", "%0A", "\n").Replace(part.FileName())
			if name == "" {
				name = "the file"
			}
			if len(files) >= MaxImportFiles {
				h.writeError(w, pln.TooLarge("The import holds more than %d files.", MaxImportFiles))
				return
			}
			data, err := io.ReadAll(io.LimitReader(part, MaxImportBytes+1))
			if err != nil {
				h.writeError(w, pln.Invalid("Reading %s from the upload failed: %v.", displayName(name), err))
				return
			}
			if len(data) > MaxImportBytes {
				h.writeError(w, pln.TooLarge("%s is over %d MiB; files up to %d MiB can be imported.", displayName(name), MaxImportBytes>>20, MaxImportBytes>>20))
				return
			}
			total += len(data)
			if total > MaxImportTotalBytes {
				h.writeError(w, pln.TooLarge("The files to import are over %d MiB in all; import fewer at a time.", MaxImportTotalBytes>>20))
				return
			}
			files = append(files, interchange.File{Name: name, Data: data})
		}
	} else {
		name := r.URL.Query().Get("name")
		if name == "" {
			name = "dropped file"
		}
		data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxImportBytes))
		if err != nil {
			h.writeError(w, pln.TooLarge("%s is over %d MiB; files up to %d MiB can be imported.", displayName(name), MaxImportBytes>>20, MaxImportBytes>>20))
			return
		}
		files = []interchange.File{{Name: name, Data: data}}
	}
	pv, err := h.s.Files.PreviewFiles(files)
	if err != nil {
		h.writeError(w, err)
		return
	}
	h.writeJSON(w, http.StatusOK, pv)
}

// export answers GET /api/export?format=F with the export as a download.
func (h *apiHandler) export(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format == "" {
		h.writeError(w, pln.Invalid("Say which format to export: ?format=gexf (or another of plexus export --help)."))
		return
	}
	name, data, err := h.s.Files.ExportBytes(format)
	if err != nil {
		h.writeError(w, err)
		return
	}
	ctype := "application/octet-stream"
	if strings.HasSuffix(name, ".zip") {
		ctype = "application/zip"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+strings.ReplaceAll(name, `"`, "")+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
}

func (h *apiHandler) backup(w http.ResponseWriter, _ *http.Request) {
	var buf bytes.Buffer
	if err := h.s.Backup.WriteBackup(&buf); err != nil {
		h.writeError(w, err)
		return
	}
	name := "plexus-backup-" + h.s.Backup.c.now().UTC().Format("2006-01-02") + ".json"
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = buf.WriteTo(w)
}

// addImage answers POST /api/images: the body is one image file, read up
// to pln.MaxImageBytes (a longer body is too_large without reading on).
func (h *apiHandler) addImage(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > pln.MaxImageBytes {
		h.writeError(w, pln.TooLarge("The image is %.1f MiB (%d bytes); images up to 5 MiB (%d bytes) can be added.", float64(r.ContentLength)/(1<<20), r.ContentLength, pln.MaxImageBytes))
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, pln.MaxImageBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			h.writeError(w, pln.TooLarge("The image is over 5 MiB; images up to 5 MiB (%d bytes) can be added.", pln.MaxImageBytes))
			return
		}
		h.writeError(w, fmt.Errorf("reading the image body: %w", err))
		return
	}
	info, err := h.s.Images.Add(data)
	if err != nil {
		h.writeError(w, err)
		return
	}
	h.writeJSON(w, http.StatusOK, info)
}

// image answers GET /api/images/<id> with the image's bytes. The id is the
// bytes' hash, so the answer never changes: it may be cached for good.
func (h *apiHandler) image(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/api/images/")
	info, data, err := h.s.Images.Get(id)
	if err != nil {
		h.writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", info.MIME)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("Content-Disposition", "inline")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// StatusOf maps an error code to an HTTP status (see NewHandler).
func StatusOf(code pln.Code) int {
	switch code {
	case pln.CodeInvalid, pln.CodeUnsupported:
		return http.StatusBadRequest
	case pln.CodeNotFound:
		return http.StatusNotFound
	case pln.CodeConflict:
		return http.StatusConflict
	case pln.CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case pln.CodeDiskFull:
		return http.StatusInsufficientStorage
	default:
		return http.StatusInternalServerError
	}
}

func (h *apiHandler) writeError(w http.ResponseWriter, err error) {
	pe := publicError(h.log, err)
	h.writeJSON(w, StatusOf(pe.Code), pe)
}

func (h *apiHandler) writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		h.log.Error("encoding an API response", "err", err)
		status = http.StatusInternalServerError
		b = []byte(`{"code":"internal","message":"Something went wrong inside Plexus; details are in the log."}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
