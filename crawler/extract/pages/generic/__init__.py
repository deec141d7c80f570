"""The generic page type for unknown templates: text density, forum posts, trafilatura as fallback."""
