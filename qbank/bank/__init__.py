"""The question bank on disk: the page format, ingest, loading the pages and checking their translations.
May import qbank.source and the shared top-level modules (errors, strings), nothing above."""
