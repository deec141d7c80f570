"""One spider per site family; the sites themselves are configuration (crawler/sites.toml)."""
