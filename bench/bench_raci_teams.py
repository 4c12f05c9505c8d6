"""What the RACI and teams docks add to each edit on big charts: the refresh of the RACI
matrix, the teams list and both canvas overlays after a change (one ``set_raci`` edit),
and the RACI CSV export/import, at 1k / 20k / 100k positions with 40 processes (6 letters
each) and 20 teams (6 members each). Times are the median of several runs; peak memory
from ``resource.getrusage`` of the whole process.

Usage: QT_QPA_PLATFORM=offscreen python bench/bench_raci_teams.py [--sizes 1000,20000,100000]
       [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
from pathlib import Path

from benchkit import median_ms


def _document(n: int):  # noqa: ANN202 - an OrgDocument
    from orgdesigner.model.document import Process, RaciRole, Team
    from orgdesigner.model.synthetic import generate_org

    doc = generate_org(n, seed=7)
    s = doc.scenario()
    rng = random.Random(7)
    ids = [p.id for p in s.positions]
    letters = list(RaciRole)
    s.processes = [Process(id=f"proc{i}", name=f"Process {i}",
                           assignments={pid: letters[k % 4]
                                        for k, pid in enumerate(rng.sample(ids, 6))})
                   for i in range(40)]
    s.teams = [Team(id=f"team{i}", name=f"Account team {i}",
                    member_ids=tuple(rng.sample(ids, 6))) for i in range(20)]
    return doc


def bench(n: int, runs: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from orgdesigner.io.raci_csv import export_raci_csv, import_raci_csv
    from orgdesigner.model.document import RaciRole
    from orgdesigner.model.edits import set_raci
    from orgdesigner.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    doc = _document(n)
    window = MainWindow(doc, with_files=False)
    r = window.responsibilities
    r.raci.select_process("proc0")
    r.teams.select_team("team0")
    party = doc.scenario().processes[0].assignments.copy().popitem()[0]

    def refresh() -> None:
        r.raci.refresh()
        r.teams.reload()
        r.raci_overlay.refresh()
        r.team_overlay.refresh()

    flip = [RaciRole.RESPONSIBLE, RaciRole.CONSULTED]

    def edit() -> None:  # the whole edit: model, relayout, every listener
        flip.reverse()
        window.presenter.apply(lambda: set_raci(doc, "proc0", party, flip[0]))

    out = {"positions": n, "refresh_ms": median_ms(refresh, runs),
           "edit_ms": median_ms(edit, runs)}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "raci.csv"
        out["csv_export_ms"] = median_ms(lambda: export_raci_csv(doc, path), runs)
        out["csv_import_ms"] = median_ms(lambda: import_raci_csv(path, doc), runs)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    del app
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,20000,100000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    for n in (int(x) for x in args.sizes.split(",")):
        row = bench(n, args.runs)
        print("  ".join(f"{k}={v:,.1f}" if isinstance(v, float) else f"{k}={v:,}"
                        for k, v in row.items()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
