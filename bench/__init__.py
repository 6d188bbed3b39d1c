"""Benchmarks: speed against genai-prices and accuracy on its dataset of real responses."""
