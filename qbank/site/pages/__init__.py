"""The pages qbank generates from the question graph, one module per kind of page.

May import qbank.graph and the rest of qbank.site; `common` holds what several kinds share.
"""
