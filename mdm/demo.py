"""The demo: the acquirer's CRM and ERP and an acquired firm's CRM, made by our generator."""

from __future__ import annotations

from pathlib import Path

from mdm.auth.users import ensure_user
from mdm.domain.entities import ENTITY_NAMES
from mdm.ingest.reader import read_extract
from mdm.ingest.service import ingest_extract
from mdm.resolve.service import resolve_pending
from mdm.runtime import Runtime

DEMO_STEWARD = ("steward", "steward-demo")
DEMO_SYSTEMS = ("acme_crm", "acme_erp", "beta_crm", "acme_hr", "beta_hr", "acme_psa")


def generate_demo_files(out: str | Path) -> list[Path]:
    from mdm.synthetic import demo_config, generate, write_dataset

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    dataset = generate(demo_config())
    kept = [e for e in dataset.extracts if e.system in DEMO_SYSTEMS]
    return write_dataset(type(dataset)(extracts=kept, truth=dataset.truth), folder)


def _ordered(paths: list[Path]) -> list[tuple[Path, str, str]]:
    found = []
    for path in paths:
        for entity in ENTITY_NAMES:
            suffix = f"_{entity}.csv"
            if path.name.endswith(suffix):
                found.append((path, path.name[: -len(suffix)], entity))
    return sorted(found, key=lambda t: (ENTITY_NAMES.index(t[2]), DEMO_SYSTEMS.index(t[1])))


def load_demo(runtime: Runtime, *, force: bool = False) -> list[str]:
    """Load the demo once; later calls see data already there and leave it alone."""
    with runtime.unit_of_work() as uow:
        loaded = uow.sources.count_all()
    if loaded and not force:
        return [
            "demo: data already loaded, reusing it",
            f"demo: steward login for /ui: {DEMO_STEWARD[0]} / {DEMO_STEWARD[1]}",
        ]
    folder = runtime.settings.home / "demo"
    lines = []
    with runtime.unit_of_work() as uow:
        for system in DEMO_SYSTEMS:
            acquired = system.startswith("beta_")
            uow.systems.register(system, kind=None, acquired=acquired, trust=None)
    for path, system, entity in _ordered(generate_demo_files(folder)):
        with runtime.unit_of_work() as uow:
            summary = ingest_extract(uow, read_extract(path), system=system, entity=entity)
        lines.append(
            f"demo: {system}/{entity}: {summary.new} new, {summary.quarantined} quarantined"
        )
    for entity in ENTITY_NAMES:
        with runtime.unit_of_work() as uow:
            lines.append("demo: " + resolve_pending(uow, entity).describe())
    with runtime.unit_of_work() as uow:
        ensure_user(uow, DEMO_STEWARD[0], "steward", DEMO_STEWARD[1])
    lines.append(f"demo: steward login for /ui: {DEMO_STEWARD[0]} / {DEMO_STEWARD[1]}")
    return lines
