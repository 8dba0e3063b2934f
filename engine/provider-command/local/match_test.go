package local

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestMatchFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"assets/logos/logo.svg", "src/index.js", "src/secret.js", "README.md"} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := matchFiles(dir, []string{"assets/**", "src/**.js", "!**secret.*", "*.{md,txt}"})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.name)
	}
	want := []string{"README.md", "assets/logos/logo.svg", "src/index.js"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("matched %v, want %v", names, want)
	}
}

func TestGlobStaysInSegment(t *testing.T) {
	re, err := globRegexp("src/*.js")
	if err != nil {
		t.Fatal(err)
	}
	if re.MatchString("src/lib/a.js") || !re.MatchString("src/a.js") {
		t.Fatalf("%s: * must not cross folders", re)
	}
}
