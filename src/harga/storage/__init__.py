"""Storage: tables, engine and the query functions that pages and the API share."""
