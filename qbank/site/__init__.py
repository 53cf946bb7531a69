"""The site: the build state, generated pages, fragments, search index, sanitiser and Content-Security-Policy.
May import qbank.l10n and every layer below it (graph, bank, source) and the shared modules; never MkDocs."""
