"""Page types, one module per CMS family; ``registry`` picks one for a page."""
