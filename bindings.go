//go:build bindings

package main

import (
	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"

	"github.com/plexus-pln/plexus/backend/service"
)

// bindingsOnly: this binary is Wails' binding generator (wails generate
// module / wails build build it with the "bindings" tag and run it). It
// must not open a data folder: it binds empty services, whose method sets
// are all Wails reads, and returns.
const bindingsOnly = true

func generateBindings() int {
	err := wails.Run(&options.App{
		Bind: []any{&service.NetworkService{}, &service.JournalService{}, &service.ImportService{}, &service.BackupService{}, &service.HistoryService{}, &service.EncryptionService{}, &service.DraftService{}, &service.ViewService{}, &service.GoalService{}, &service.SearchService{}, &App{}, &Recovery{}},
	})
	if err != nil {
		println(err.Error())
		return 1
	}
	return 0
}
