"""The question graph: duplicate detection, topic placement, their quality measures and the review queue.
May import qbank.bank.load, qbank.source and the shared top-level modules (errors, strings, background)."""
