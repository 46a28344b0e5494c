"""The plain 2-D shapes a drawing is made of, and the inks they are painted in (no Qt, no reportlab)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

Point = tuple[float, float]


class Ink(StrEnum):
    BODY = "body"
    FAR = "far"  # limbs on the far side of the body
    HALO = "halo"  # paper-coloured outline under a near limb
    PROP = "prop"
    FLOOR = "floor"
    ARROW = "arrow"


@dataclass(frozen=True, slots=True)
class Stroke:
    """An open polyline with round caps and joins."""

    points: tuple[Point, ...]
    weight: float
    ink: Ink
    faded: bool = False


@dataclass(frozen=True, slots=True)
class Circle:
    center: Point
    radius: float
    weight: float
    ink: Ink
    faded: bool = False
    filled: bool = False


@dataclass(frozen=True, slots=True)
class Polygon:
    """A closed outline, filled with the ink's fill colour when `filled`."""

    points: tuple[Point, ...]
    weight: float
    ink: Ink
    faded: bool = False
    filled: bool = True


Shape = Stroke | Circle | Polygon

# Colours on white paper, for black-and-white printing: the painters use these unless the screen's
# palette gives others (see `screen_colours` in the window).
PAPER_COLOURS: dict[str, str] = {
    "body": "#1b1b1b",
    "far": "#8a8a8a",
    "halo": "#ffffff",
    "prop": "#555555",
    "prop_fill": "#e2e2e2",
    "floor": "#555555",
    "arrow": "#1b1b1b",
    "faded": "#c4c4c4",
    "faded_fill": "#f1f1f1",
}


def stroke_colour(ink: Ink, faded: bool, colours: Mapping[str, str]) -> str:
    """The outline colour of a shape."""
    if faded and ink is not Ink.HALO:
        return colours["faded"]
    return colours[ink.value]


def fill_colour(ink: Ink, faded: bool, colours: Mapping[str, str]) -> str:
    """The fill colour of a filled shape: props are filled light, the body (the head) with its ink."""
    if ink is Ink.PROP:
        return colours["faded_fill" if faded else "prop_fill"]
    return stroke_colour(ink, faded, colours)
