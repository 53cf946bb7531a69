"""Reading the series: a source Markdown file cleaned, fenced, parsed into the question model and escaped.
The lowest layer: imports nothing of qbank but the shared top-level modules (errors, strings)."""
