"""Server-rendered pages. Every page has a JSON twin built from the same document."""
