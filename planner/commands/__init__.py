"""Headless commands of `stride-planner`; each module registers one sub-command.

A module here exposes `register(subparsers)`, which adds its parser and sets `run=` to a function
`run(args) -> int`. Modules import heavy libraries inside `run`, so `--help` and `--version` stay fast.
"""
