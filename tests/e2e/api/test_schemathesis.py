"""Schemathesis over the whole published OpenAPI document, every check enabled, with a valid
key, on a hub holding golden records: no 5xx, every status documented, every response matching
its schema, invalid requests refused, valid ones accepted.

One setting differs from Schemathesis' defaults, on purpose: a request valid by the schema may
still get 422 where validity goes beyond what JSON Schema can say (an opaque paging cursor the
hub did not hand out; a record checked field by field as ingest checks it), and a well-formed If-Match
naming a version the record does not have is 412 by design."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from hub.app import create_app
from mdm.runtime import Runtime
from tests.api_keys import in_process, issue_key
from tests.conftest import committed_runtime
from tests.e2e.api.test_golden_api import extract_rows, load, resolve

EXAMPLES = 40
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "412", "422", "429"]


@pytest.fixture(scope="module")
def runtime() -> Iterator[Runtime]:
    with committed_runtime("mdm_api_schemathesis") as rt:
        with rt.unit_of_work() as uow:
            load(uow, "crm", extract_rows("C", shout=False))
            load(uow, "erp", extract_rows("E", shout=True))
        resolve(rt)
        yield rt


def failures_of(operation: object, mode: GenerationMode) -> str | None:
    @given(operation.as_strategy(generation_mode=mode))  # type: ignore[attr-defined]
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate()

    try:
        run()
    except BaseException as exc:  # Schemathesis reports its failures as exception groups
        if "Unable to satisfy assumptions" in str(exc):  # no parameters to make invalid
            return None
        return f"{operation.label} ({mode.value}):\n{exc}"  # type: ignore[attr-defined]
    return None


def test_the_whole_api_passes_every_schemathesis_check(runtime: Runtime) -> None:
    config = SchemathesisConfig.from_dict(
        {
            "auth": {"openapi": {"ApiKey": {"bearer": issue_key(runtime, "admin")}}},
            "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
        }
    )
    app = create_app(in_process(runtime))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12, [o.label for o in operations]
    found = [
        failure
        for operation in operations
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        if (failure := failures_of(operation, mode)) is not None
    ]
    assert not found, "\n\n".join(found)
