"""View models: the documents that both the pages and the JSON API render."""
