"""Translation catalogues: the units of a page, PO/XLIFF export and import, translation memory, status."""
