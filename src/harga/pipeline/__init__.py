"""The collection pipeline: collect, normalise, reconcile, publish."""
