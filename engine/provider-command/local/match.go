package local

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

type matchedFile struct {
	name string // path relative to the searched folder, with forward slashes
	path string // path to open
}

// matchFiles lists the regular files under dir that the globs select. Globs apply in order: a
// glob adds the files it matches, a glob starting with "!" removes them again.
func matchFiles(dir string, globs []string) ([]matchedFile, error) {
	type rule struct {
		exclude bool
		re      *regexp.Regexp
	}
	rules := make([]rule, 0, len(globs))
	for _, glob := range globs {
		exclude := strings.HasPrefix(glob, "!")
		re, err := globRegexp(strings.TrimPrefix(glob, "!"))
		if err != nil {
			return nil, fmt.Errorf("path pattern %q: %w", glob, err)
		}
		rules = append(rules, rule{exclude, re})
	}

	var files []matchedFile
	err := filepath.WalkDir(dir, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !entry.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		selected := false
		for _, r := range rules {
			if r.re.MatchString(name) {
				selected = !r.exclude
			}
		}
		if selected {
			files = append(files, matchedFile{name: name, path: path})
		}
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, err
}

// globRegexp translates a glob to an anchored regular expression: "**" matches any number of
// folders, "*" and "?" stay within one path segment, [...] and {a,b} are classes and choices.
func globRegexp(glob string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	inChoice := false
	for i := 0; i < len(glob); i++ {
		c := glob[i]
		switch {
		case c == '*' && i+1 < len(glob) && glob[i+1] == '*':
			i++
			if i+1 < len(glob) && glob[i+1] == '/' {
				i++
				b.WriteString("(?:.*/)?")
			} else {
				b.WriteString(".*")
			}
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '[':
			end := strings.IndexByte(glob[i+1:], ']')
			if end < 0 {
				return nil, fmt.Errorf("unterminated [")
			}
			class := glob[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + class + "]")
			i += end + 1
		case c == '{' && !inChoice:
			inChoice = true
			b.WriteString("(?:")
		case c == ',' && inChoice:
			b.WriteString("|")
		case c == '}' && inChoice:
			inChoice = false
			b.WriteString(")")
		case c == '\\' && i+1 < len(glob):
			i++
			b.WriteString(regexp.QuoteMeta(glob[i : i+1]))
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if inChoice {
		return nil, fmt.Errorf("unterminated {")
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}
