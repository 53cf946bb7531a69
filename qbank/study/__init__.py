"""Study material made from the bank and the built site: the Anki/CSV deck and the PDFs.
May import qbank.site.listing and every layer below it (l10n, graph, bank, source) and the shared modules."""
