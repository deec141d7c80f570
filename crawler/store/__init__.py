"""The SQLite store: frozen migrations (schema), the repositories of pages, corpus (documents,
copies, dedup index), runs and frontier, and the read side (queries); `db.Store` joins them."""
