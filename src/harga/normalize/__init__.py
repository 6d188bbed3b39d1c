"""Mapping of upstream spellings to canonical creators, sellers and model ids."""
