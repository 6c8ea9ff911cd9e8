"""Ids keep their meaning after a split: the API answers a merged-away id with the record that
holds what it held, and says whether it was merged or re-pointed, or that it was split."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from hub.app import create_app
from mdm.golden.partition_apply import apply_partition
from mdm.ingest.reader import parse_extract
from mdm.ingest.service import ingest_extract
from mdm.repositories import golden as golden_repo
from mdm.stewardship import decisions
from mdm.unit_of_work import UnitOfWork
from tests.api_keys import bearer, issue_key
from tests.conftest import committed_runtime
from tests.singletons import give_singletons

ROWS = "source_id,name\nX1,Larch Ltd\nY1,Larch Holdings\nW1,Larch Group\nV1,Larch Grp\n"


def _ids(session: Session) -> dict[str, int]:
    return dict(session.execute(text("SELECT source_id, id FROM source_record")).all())


def _join(uow: UnitOfWork, records: list[int], keep: uuid.UUID) -> None:
    now = datetime.now(UTC)
    apply_partition(
        uow, "customer", [records], actor="test", reason="set-up", now=now, preferred={0: keep}
    )


def test_a_split_repoints_or_splits_the_redirects_it_concerns() -> None:
    with committed_runtime("mdm_split_redirect") as runtime:
        with runtime.unit_of_work() as uow:
            ingest_extract(
                uow, parse_extract("c.csv", ROWS.encode()), system="crm", entity="customer"
            )
            give_singletons(uow)
            ids = _ids(uow.session)
            golden = golden_repo.golden_ids_for(uow.session, list(ids.values()))
            gx, gy, gw = golden[ids["X1"]], golden[ids["Y1"]], golden[ids["W1"]]
            _join(uow, [ids["W1"], ids["V1"]], gw)  # gv merged into gw
            _join(uow, [ids["X1"], ids["Y1"], ids["W1"], ids["V1"]], gx)  # gy, gw into gx
        with runtime.unit_of_work() as uow:
            y_alone = decisions.split(
                uow, str(gx), [ids["Y1"]], "jo", "another firm", override=True
            )
            v_alone = decisions.split(
                uow, str(gx), [ids["V1"]], "jo", "another firm", override=True
            )
        headers = bearer(issue_key(runtime, "read"))
        with TestClient(create_app(runtime), headers=headers) as client:
            repointed = client.get(f"/v1/customer/golden/{gy}").json()
            assert repointed["id"] == y_alone and repointed["redirected_from"] == str(gy)
            assert repointed["redirect"] == "repointed_after_split"
            split = client.get(f"/v1/customer/golden/{gw}").json()
            assert split["status"] == "split" and split["id"] == str(gw)
            assert sorted(split["split_into"]) == sorted([str(gx), v_alone])
            survivor = client.get(f"/v1/customer/golden/{gx}").json()
            assert survivor["redirect"] is None and survivor["split_into"] is None
