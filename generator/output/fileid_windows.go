package output

import (
	"fmt"

	"golang.org/x/sys/windows"
)

// folderID returns the file index of the folder at path, "" if it cannot
// be read. Renames keep it; a folder deleted and made again gets a new one.
func folderID(path string) string {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return ""
	}
	h, err := windows.CreateFile(p, 0, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE,
		nil, windows.OPEN_EXISTING, windows.FILE_FLAG_BACKUP_SEMANTICS, 0)
	if err != nil {
		return ""
	}
	defer windows.CloseHandle(h)
	var info windows.ByHandleFileInformation
	if err := windows.GetFileInformationByHandle(h, &info); err != nil {
		return ""
	}
	return fmt.Sprintf("%x-%08x", info.FileIndexHigh, info.FileIndexLow)
}
