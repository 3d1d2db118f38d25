package phonepages

import (
	"os"
	"testing"

	"github.com/iom-cso/archive/internal/browsertest"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m, "qa/phonepages")) }
