"""Frictionless validation of a written package, reported as check results."""
from __future__ import annotations

from pathlib import Path


def validate_package(descriptor_path: Path) -> list[dict]:
    """One result per resource (and one for the package) from `frictionless validate`."""
    from frictionless import FrictionlessException, Package, system

    try:
        with system.use_context(trusted=True):
            report = Package(str(descriptor_path)).validate()
    except FrictionlessException as e:
        return [{"check": "frictionless", "resource": "datapackage.json", "success": False, "observed": {},
                 "message": str(e).replace("\n", " ")}]
    out = []
    for task in report.tasks:
        errors = [f"row {e.row_number}, field {getattr(e, 'field_name', '')}: {e.message}"
                  if getattr(e, "row_number", None) else e.message for e in task.errors]
        out.append({"check": "frictionless", "resource": task.name, "success": task.valid,
                    "observed": {"rows": task.stats.get("rows") if isinstance(task.stats, dict) else None,
                                 "errors": len(errors)},
                    "message": "; ".join(errors[:5])})
    for e in report.errors:
        out.append({"check": "frictionless", "resource": "datapackage.json", "success": False, "observed": {},
                    "message": e.message})
    return out
