"""Exercises and their doses, as a coach writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from planner.domain.errors import BadInput


class Category(StrEnum):
    STRENGTH = "strength"
    ISOMETRIC = "isometric"
    MOBILITY = "mobility"
    FOAM_ROLL = "foam-roll"
    GAIT = "gait"
    PLYOMETRIC = "plyometric"


EQUIPMENT: tuple[str, ...] = (
    "band",
    "step",
    "dumbbell",
    "kettlebell",
    "barbell",
    "machine",
    "foam_roller",
    "ball",
    "mat",
    "wall",
    "strap",
    "bench",
    "metronome",
)

EQUIPMENT_LABELS: dict[str, str] = {
    "band": "Resistance band",
    "step": "Step or box",
    "dumbbell": "Dumbbell",
    "kettlebell": "Kettlebell",
    "barbell": "Barbell",
    "machine": "Gym machine",
    "foam_roller": "Foam roller",
    "ball": "Massage ball",
    "mat": "Mat",
    "wall": "Wall",
    "strap": "Strap or towel",
    "bench": "Bench",
    "metronome": "Metronome",
}

# Condition ids of the wizard (clinical content, sections 1 and 5.2). "all" is not stored: an exercise
# that serves every condition lists them all.
CONDITIONS: tuple[str, ...] = (
    "pfps",
    "itbs",
    "patellar_tendinopathy",
    "quadriceps_tendinopathy",
    "meniscus",
    "piriformis",
    "gluteal_tendinopathy",
    "fat_pad",
    "hip_joint",
    "osgood_schlatter",
    "pes_anserine",
    "proximal_hamstring_tendinopathy",
)

CONDITION_NAMES: dict[str, str] = {
    "pfps": "Patellofemoral pain (runner's knee)",
    "itbs": "Iliotibial band syndrome",
    "patellar_tendinopathy": "Patellar tendon pain",
    "quadriceps_tendinopathy": "Quadriceps tendon pain",
    "meniscus": "Meniscus irritation",
    "piriformis": "Piriformis / deep gluteal pain",
    "gluteal_tendinopathy": "Outer hip tendon pain (greater trochanteric pain)",
    "fat_pad": "Fat pad irritation (Hoffa)",
    "hip_joint": "Hip joint (impingement or labrum)",
    "osgood_schlatter": "Growth-plate pain below the knee (Osgood-Schlatter / Sinding-Larsen)",
    "pes_anserine": "Inner knee tendon/bursa pain (pes anserine)",
    "proximal_hamstring_tendinopathy": "High hamstring tendon pain",
}

# Limits a dose must keep; the window's editors use the same numbers.
DOSE_LIMITS: dict[str, tuple[int, int]] = {
    "sets": (1, 20),
    "reps": (1, 200),
    "hold_s": (1, 600),
    "duration_s": (1, 3600),
    "rest_s": (0, 600),
}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# Latin letters that Unicode does not decompose into a base letter plus an accent.
_LATIN_EXTRA = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)


def slugify(text: str, fallback: str = "exercise") -> str:
    """A lowercase ASCII id made of the words of `text` joined by hyphens ("Zoë Łukasiewicz" →
    "zoe-lukasiewicz"); `fallback` when nothing is left (a name in Greek, Cyrillic or CJK script)."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.lower().translate(_LATIN_EXTRA))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", plain)
    return "-".join(words) or fallback


def is_slug(text: str) -> bool:
    return bool(_SLUG.match(text))


_NUMBER_AND_UNIT = re.compile(r"(\d) (s|min|km|m|kg)\b")


def unbroken_units(text: str) -> str:
    """Keep a number with its unit on one line ("rest 15 s" never wraps as "rest 15 / s"): a no-break space
    between them, for the window's labels and the printed sheets alike."""
    return _NUMBER_AND_UNIT.sub("\\1\u00a0\\2", text)


@dataclass(frozen=True, slots=True)
class Dose:
    """How much of an exercise: sets of reps, holds or timed work, with rest and tempo."""

    sets: int
    reps: int | None = None
    hold_s: int | None = None
    duration_s: int | None = None
    each_side: bool = False
    rest_s: int | None = None
    tempo: str | None = None

    def __post_init__(self) -> None:
        self.validate()

    def validate(self, where: str = "dose") -> None:
        """Raise BadInput naming the field when a number is missing, negative or absurd."""
        for name, (low, high) in DOSE_LIMITS.items():
            value = getattr(self, name)
            if value is None:
                if name == "sets":
                    raise BadInput("sets is required", field=f"{where}.sets")
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise BadInput(f"expected a whole number, got {value!r}", field=f"{where}.{name}")
            if not low <= value <= high:
                raise BadInput(f"expected {low}-{high}, got {value}", field=f"{where}.{name}")
        if self.reps is None and self.hold_s is None and self.duration_s is None:
            raise BadInput("needs reps, hold_s or duration_s", field=where)
        if not isinstance(self.each_side, bool):
            raise BadInput(f"expected true or false, got {self.each_side!r}", field=f"{where}.each_side")
        if self.tempo is not None and not isinstance(self.tempo, str):
            raise BadInput(f"expected text, got {self.tempo!r}", field=f"{where}.tempo")

    def to_dict(self) -> dict[str, Any]:
        return {
            "sets": self.sets,
            "reps": self.reps,
            "hold_s": self.hold_s,
            "duration_s": self.duration_s,
            "each_side": self.each_side,
            "rest_s": self.rest_s,
            "tempo": self.tempo,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "dose") -> Dose:
        if not isinstance(data, dict):
            raise BadInput(f"expected an object, got {type(data).__name__}", field=where)
        unknown = set(data) - {"sets", "reps", "hold_s", "duration_s", "each_side", "rest_s", "tempo"}
        if unknown:
            raise BadInput(f"unknown key {sorted(unknown)[0]!r}", field=where)
        dose = cls.__new__(cls)
        for name in ("sets", "reps", "hold_s", "duration_s", "rest_s", "tempo"):
            object.__setattr__(dose, name, data.get(name))
        object.__setattr__(dose, "each_side", data.get("each_side", False))
        dose.validate(where)
        return dose

    def total_sets(self) -> int:
        """Sets counted per side, the way the tick boxes on a sheet count them."""
        return self.sets * (2 if self.each_side else 1)

    def minutes(self) -> float:
        """A rough time cost in minutes, used to keep routines short."""
        per_set = 0.0
        if self.reps:
            per_set += self.reps * (3.0 + (self.hold_s or 0))
        elif self.hold_s:
            per_set += self.hold_s
        if self.duration_s:
            per_set += self.duration_s
        per_set += self.rest_s if self.rest_s is not None else 30
        sides = 2 if self.each_side else 1
        return self.sets * per_set * sides / 60.0

    def describe(self) -> str:
        """The dose as a coach writes it: `3 × 15`, `3 × 45 s hold`, `each side`, rest, tempo."""
        if self.reps and self.hold_s:
            main = f"{self.sets} × {self.reps}, {self.hold_s} s hold"
        elif self.reps:
            main = f"{self.sets} × {self.reps}"
        elif self.hold_s:
            main = f"{self.sets} × {self.hold_s} s hold"
        else:
            main = f"{self.sets} × {_duration(self.duration_s or 0)}"
        parts = [main]
        if self.each_side:
            parts.append("each side")
        if self.tempo:
            parts.append(f"tempo {self.tempo}")
        if self.rest_s:
            parts.append(f"rest {_duration(self.rest_s)}")
        return ", ".join(parts)


def _duration(seconds: int) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise of the library, with its default dose and how to do it."""

    id: str
    name: str
    category: Category
    dose: Dose
    aliases: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    optional_equipment: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    instructions: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    easier: str | None = None
    harder: str | None = None
    source: str | None = None
    license: str | None = None
    builtin: bool = False
    edited: bool = False
    dose_is_default: bool = False
    tags: tuple[str, ...] = field(default=())
    drawing: str | None = None  # id of a built-in start-and-end drawing (resources/poses.json), None: no drawing

    def needs(self, owned: set[str] | frozenset[str]) -> bool:
        """True when the athlete's equipment allows this exercise (body-weight ones always)."""
        return set(self.equipment) <= set(owned)

    def matches(self, text: str) -> bool:
        """Case-insensitive match on the name, the id and the aliases."""
        needle = text.strip().lower()
        if not needle:
            return True
        hay = [self.name.lower(), self.id, *(a.lower() for a in self.aliases)]
        return any(needle in h for h in hay)

    def with_dose(self, dose: Dose) -> Exercise:
        return replace(self, dose=dose)

    def to_dict(self) -> dict[str, Any]:
        """The exercise object of the interface spec (plus our own additive fields)."""
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "category": self.category.value,
            "targets": list(self.targets),
            "equipment": list(self.equipment),
            "optional_equipment": list(self.optional_equipment),
            "conditions": list(self.conditions),
            "dose": self.dose.to_dict(),
            "instructions": list(self.instructions),
            "cues": list(self.cues),
            "easier": self.easier,
            "harder": self.harder,
            "source": self.source,
            "license": self.license,
            "tags": list(self.tags),
            "builtin": self.builtin,
            "edited": self.edited,
            "dose_is_default": self.dose_is_default,
            "drawing": self.drawing,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "exercise") -> Exercise:
        """Parse and validate one exercise object; BadInput names the field that is wrong."""
        if not isinstance(data, dict):
            raise BadInput(f"expected an object, got {type(data).__name__}", field=where)
        ex_id = data.get("id")
        if not isinstance(ex_id, str) or not is_slug(ex_id):
            raise BadInput(f"expected a lowercase slug like 'side-lying-clamshell', got {ex_id!r}", field=f"{where}.id")
        where = f"{where} {ex_id!r}"
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise BadInput("expected a non-empty name", field=f"{where}.name")
        try:
            category = Category(data.get("category"))
        except ValueError:
            allowed = ", ".join(c.value for c in Category)
            raise BadInput(
                f"unknown category {data.get('category')!r}; expected one of {allowed}", field=f"{where}.category"
            ) from None
        equipment = _str_tuple(data, "equipment", where)
        optional = _str_tuple(data, "optional_equipment", where)
        for item in (*equipment, *optional):
            if item not in EQUIPMENT:
                raise BadInput(
                    f"unknown equipment {item!r}; expected one of {', '.join(EQUIPMENT)}", field=f"{where}.equipment"
                )
        conditions = _str_tuple(data, "conditions", where)
        for item in conditions:
            if item not in CONDITIONS:
                raise BadInput(
                    f"unknown condition {item!r}; expected one of {', '.join(CONDITIONS)}", field=f"{where}.conditions"
                )
        return cls(
            id=ex_id,
            name=name.strip(),
            category=category,
            dose=Dose.from_dict(data.get("dose"), where=f"{where}.dose"),
            aliases=_str_tuple(data, "aliases", where),
            targets=_str_tuple(data, "targets", where),
            equipment=equipment,
            optional_equipment=optional,
            conditions=conditions,
            instructions=_str_tuple(data, "instructions", where),
            cues=_str_tuple(data, "cues", where),
            easier=_opt_str(data, "easier", where),
            harder=_opt_str(data, "harder", where),
            source=_opt_str(data, "source", where),
            license=_opt_str(data, "license", where),
            tags=_str_tuple(data, "tags", where),
            builtin=bool(data.get("builtin", False)),
            edited=bool(data.get("edited", False)),
            dose_is_default=bool(data.get("dose_is_default", False)),
            drawing=_drawing_id(data, where),
        )


def _drawing_id(data: dict[str, Any], where: str) -> str | None:
    # An id this version does not ship is kept (a newer library file) and simply shows no drawing.
    value = data.get("drawing")
    if value is None:
        return None
    if not isinstance(value, str) or not is_slug(value) or len(value) > 100:
        raise BadInput(
            f"expected the id of a drawing like 'side-lying-clamshell' or null, got {value!r}", field=f"{where}.drawing"
        )
    return value


def _str_tuple(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput("expected a list of text", field=f"{where}.{key}")
    return tuple(value)


def _opt_str(data: dict[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    raise BadInput(f"expected text or null, got {value!r}", field=f"{where}.{key}")
