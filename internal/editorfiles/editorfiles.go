// Package editorfiles knows the files that editors and operating systems
// leave beside real ones: backups, swap and lock files, the temporary
// files of atomic saves, hidden files. It is the one rule for every
// reader of the archive's folders: the content loader, the theme reader
// and the preview's watcher skip the same names, so that they never
// disagree on what a folder holds.
package editorfiles

import "strings"

// Ignored reports whether a file or folder called name (a base name) is
// one that editors and operating systems leave beside real files: hidden
// files, backups, swap and lock files, and the temporary files of atomic
// saves. None of them is ever content or theme.
func Ignored(name string) bool {
	switch {
	case name == "":
		return false
	case strings.HasPrefix(name, "."), // hidden; also vim's .x.swp, emacs' .#x, gedit's .goutputstream-*, macOS's .DS_Store
		strings.HasPrefix(name, "#"), // emacs auto-save #x#
		strings.HasSuffix(name, "~"), // backups
		name == "4913",               // vim's probe for a writable folder
		name == "Thumbs.db", name == "desktop.ini":
		return true
	}
	for _, suffix := range ignoredSuffixes {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

// ignoredSuffixes end the names of swap and temporary files: vim's
// (.swp, .swo, .swx), Kate's, Chrome's File System Access saves
// (.crswap), JetBrains' safe writes, and the generic .tmp and .temp.
var ignoredSuffixes = []string{".swp", ".swx", ".swo", ".tmp", ".temp", ".crswap", ".kate-swp", "___jb_tmp___", "___jb_old___"}
