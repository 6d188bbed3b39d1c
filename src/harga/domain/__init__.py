"""The pure domain model: dimensions, conditions, states and observations. No I/O."""
