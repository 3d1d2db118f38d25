//go:build !unix && !windows

package output

// folderID returns "": this system gives no file identity, so an output
// folder is recognized by its record's names alone.
func folderID(path string) string { return "" }
