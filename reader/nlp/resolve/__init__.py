"""Document-level resolution: pure functions over a typed index of corrected mentions."""
