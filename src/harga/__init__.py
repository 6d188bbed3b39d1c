"""harga: public LLM API prices with the evidence behind every number."""

__version__ = "0.1.0"
