"""Translation catalogues: the units of a page, PO/XLIFF export and import, translation memory, coverage.
May import qbank.graph, qbank.bank, qbank.source and the shared modules; the site imports it, not the reverse."""
