"""A geodata folder made for the plan and projection tests: the minimal fixture with
constructed clearance results, plans, running totals and estimates (not real figures)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from paths import MINIMAL, copy_geodata

from dashboard.data.dataset import Dataset
from dashboard.data.loader import load_dataset

METRICS = """area_planned,clearance,ha,Clearance planned (ha),Planlaşdırılan,no,A target.
hazardous_area,context,ha,Hazardous area,Təhlükəli ərazi,no,An estimate.
contaminated_area,context,ha,Contaminated area,Çirklənmiş ərazi,no,An estimate.
"""
HEADER = (
    "figure_id,metric,area,subset,period_type,period_start,period_end,value,qualifier,unit,issuing_body,"
    "source_id,flag,note\n"
)


def figure(fid: str, metric: str, kind: str, start: str, end: str, value: str, qualifier: str = "", flag: str = ""):
    note = "constructed" if flag else ""
    return f"{fid},{metric},AZ,,{kind},{start},{end},{value},{qualifier},ha,ANAMA,fixture-anama,{flag},{note}\n"


def year(fid: str, metric: str, y: int, value: str, qualifier: str = "", flag: str = "") -> str:
    return figure(fid, metric, "year", f"{y}-01-01", f"{y}-12-31", value, qualifier, flag)


def build(root: Path, clearance: list[str], context: list[str]) -> Dataset:
    """A loaded dataset: the minimal fixture whose clearance and context figures are the
    given rows (CSV lines without the header)."""
    copy_geodata(root, MINIMAL)
    with (root / "metrics.csv").open("a", encoding="utf-8") as f:
        f.write(METRICS)
    (root / "figures" / "clearance.csv").write_text(HEADER + "".join(clearance), encoding="utf-8")
    (root / "figures" / "context.csv").write_text(HEADER + "".join(context), encoding="utf-8")
    result = load_dataset(root, today=date(2030, 1, 1))  # the constructed plans may lie ahead
    assert result.dataset is not None, result.report.to_text()
    return result.dataset
