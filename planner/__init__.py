"""Stride Planner: strength, corrective and mobility work around a runner's season."""

__version__ = "0.1.0"

DISCLAIMER = (
    "Stride Planner suggests likely patterns and general exercise; it does not diagnose. "
    "Stop and see a doctor or physical therapist if pain is severe, keeps you from running, "
    "or is not improving."
)
