package service

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
)

// AppDirName is the name of Plexus's folder inside the OS's per-user
// application data folder.
const AppDirName = "Plexus"

// DataDirEnv is the environment variable that overrides the data directory
// (the --data-dir flag wins over it).
const DataDirEnv = "PLEXUS_DATA_DIR"

// DataDir returns the data directory to use: flagValue when non-empty, else
// $PLEXUS_DATA_DIR, else the OS's per-user application data folder plus
// "Plexus" (see DefaultDataDir). The result is absolute and cleaned; the
// directory is not created.
func DataDir(flagValue string) (string, error) {
	home, _ := os.UserHomeDir()
	return resolveDataDir(flagValue, os.Getenv, runtime.GOOS, home)
}

// resolveDataDir is DataDir with its environment passed in, for tests.
func resolveDataDir(flagValue string, getenv func(string) string, goos, home string) (string, error) {
	dir := flagValue
	if dir == "" {
		dir = getenv(DataDirEnv)
	}
	if dir == "" {
		var err error
		if dir, err = defaultDataDir(getenv, goos, home); err != nil {
			return "", err
		}
	}
	return filepath.Abs(dir)
}

// defaultDataDir is the per-user application data folder of architecture.md:
//
//	Linux and other Unix: $XDG_DATA_HOME/Plexus, else ~/.local/share/Plexus
//	macOS:                ~/Library/Application Support/Plexus
//	Windows:              %AppData%\Plexus
func defaultDataDir(getenv func(string) string, goos, home string) (string, error) {
	switch goos {
	case "windows":
		if d := getenv("AppData"); d != "" {
			return filepath.Join(d, AppDirName), nil
		}
		if d := getenv("APPDATA"); d != "" {
			return filepath.Join(d, AppDirName), nil
		}
		return "", errors.New("cannot find the data folder: %AppData% is not set; pass --data-dir")
	case "darwin", "ios":
		if home == "" {
			return "", errors.New("cannot find the data folder: no home directory; pass --data-dir")
		}
		return filepath.Join(home, "Library", "Application Support", AppDirName), nil
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, AppDirName), nil
		}
		if home == "" {
			return "", errors.New("cannot find the data folder: $HOME is not set; pass --data-dir")
		}
		return filepath.Join(home, ".local", "share", AppDirName), nil
	}
}
