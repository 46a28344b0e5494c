"""Printable output: the season PDF (overview, weekly sheets, routine cards), the wizard routine, team batches.

The entry points live in `planner.export.document` (one athlete) and `planner.export.batch` (a team).
Nothing is imported here so that `import planner.export.demo` stays free of reportlab.
"""
