"""Reconciliation: choose the published value from the evidence of several sources."""
