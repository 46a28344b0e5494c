# ruff: noqa  (verbatim copy of a shared floor script; its style is the original's)
# Copied from /work/shared/floors/rl_16weeks.py (the team's floor scripts, see shared/floors/README.md)
# as a fallback for checkouts without ../shared. Keep it identical to the original; do not tune it.
"""reportlab platypus: 16-page A4 document = 16 weekly sheets, each a title, a
paragraph and a 7-day table (6 exercises/day, Day/Exercise/Sets/Reps/Hold/Done).

Usage: python rl_16weeks.py [OUT.pdf] [--repeat N] [--weeks W]
Prints in-process doc.build() time (perf_counter) and import time.
"""

import sys
import time

T0 = time.perf_counter()
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

T_IMPORT = time.perf_counter()

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EXERCISES = [
    "Squat to chair",
    "Heel raises",
    "Bridge",
    "Side-lying leg lift",
    "Wall push-up",
    "Hamstring stretch",
    "Calf stretch",
    "Bird dog",
]


def story(weeks):
    ss = getSampleStyleSheet()
    small = ss["BodyText"].clone("small", fontSize=8, leading=9.5)
    s = []
    for w in range(weeks):
        s.append(Paragraph(f"Week {w + 1} of {weeks}", ss["Title"]))
        s.append(
            Paragraph(
                "Tick each set when done. Increase reps by one when all sets feel easy. Hold times are in seconds.",
                ss["BodyText"],
            )
        )
        s.append(Spacer(1, 3 * mm))
        data = [["Day", "Exercise", "Sets", "Reps", "Hold", "Done"]]
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
        r = 1
        for d, day in enumerate(DAYS):
            style.append(("SPAN", (0, r), (0, r + 5)))
            if d % 2:
                style.append(("BACKGROUND", (0, r), (-1, r + 5), colors.whitesmoke))
            for e in range(6):
                ex = EXERCISES[(w + d + e) % len(EXERCISES)]
                data.append(
                    [
                        day if e == 0 else "",
                        Paragraph(ex, small),
                        str(2 + (w // 4)),
                        str(8 + (w + e) % 5),
                        str(10 * (e % 3)),
                        "[ ] [ ] [ ]",
                    ]
                )
                r += 1
        t = Table(data, colWidths=[14 * mm, 62 * mm, 14 * mm, 14 * mm, 14 * mm, 40 * mm], repeatRows=1)
        t.setStyle(TableStyle(style))
        s.append(t)
        if w != weeks - 1:
            s.append(PageBreak())
    return s


def build(out, weeks):
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        title="Baseline 16 weeks",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
    )
    t = time.perf_counter()
    doc.build(story(weeks))
    return time.perf_counter() - t


if __name__ == "__main__":
    args = list(sys.argv[1:])
    n, weeks = 1, 16
    if "--repeat" in args:
        i = args.index("--repeat")
        n = int(args[i + 1])
        del args[i : i + 2]
    if "--weeks" in args:
        i = args.index("--weeks")
        weeks = int(args[i + 1])
        del args[i : i + 2]
    out = args[0] if args else "/tmp/stride-floors/out/weeks16.pdf"
    raw = [build(out, weeks) for _ in range(n)]
    times = sorted(raw)
    med = times[len(times) // 2]
    print(
        f"import={1e3 * (T_IMPORT - T0):.1f}ms first_build={1e3 * raw[0]:.2f}ms build_median={1e3 * med:.2f}ms "
        f"min={1e3 * times[0]:.2f}ms max={1e3 * times[-1]:.2f}ms n={n} weeks={weeks} out={out}"
    )
