"""Scripts that print speed and memory figures. Not part of the test suite."""
