"""The one place that knows MkDocs (`adapter`): hooks/ wires MkDocs events to it, it passes the work to qbank,
which never imports MkDocs."""
