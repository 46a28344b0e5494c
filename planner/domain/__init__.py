"""Plain-Python rules of the planner: no Qt, no SQL."""
