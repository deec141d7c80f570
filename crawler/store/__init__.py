"""The SQLite store: schema and migrations, writes, and the queries of the read side."""
