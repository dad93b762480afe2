"""The one place that finds config/ and turns its files into frozen settings objects."""
