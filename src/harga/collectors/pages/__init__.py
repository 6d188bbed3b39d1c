"""Reading pricing pages: price text in table cells, markdown tables and layout expectations."""
