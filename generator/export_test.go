package generator

// SetMarkdownHook makes f run after each Markdown body a build renders, so
// that a test can see how far a build got; nil removes it. Tests using it
// must not run in parallel with other builds.
func SetMarkdownHook(f func()) { markdownHook = f }
