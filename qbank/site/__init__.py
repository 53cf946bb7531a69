"""The built site: generated pages, HTML fragments, search index, sanitiser, CSP and the MkDocs build.
May import qbank.l10n, qbank.graph.build, qbank.bank.load, qbank.source and the shared modules; never MkDocs itself."""
