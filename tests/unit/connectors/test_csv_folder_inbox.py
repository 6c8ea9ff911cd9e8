"""The folder system's inbox: files as spreadsheets save them (a UTF-8 byte-order mark), and a
file that is not UTF-8 stopped with its name, line and byte, the cursor before it."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.csv_folder.connector import CsvFolderConnector
from connectors.protocol import TargetUnavailable


def _inbox(tmp_path: Path, name: str, data: bytes) -> CsvFolderConnector:
    connector = CsvFolderConnector(tmp_path)
    (tmp_path / "inbox").mkdir(parents=True, exist_ok=True)
    (tmp_path / "inbox" / name).write_bytes(data)
    return connector


def test_a_byte_order_mark_is_no_part_of_the_first_column(tmp_path: Path) -> None:
    body = "source_id,name\nC1,Café Ltd\n".encode()
    connector = _inbox(tmp_path, "customer-001.csv", b"\xef\xbb\xbf" + body)
    (record,) = connector.read("customer", {}).records
    assert (record.target_id, record.values) == ("C1", {"name": "Café Ltd"})


def test_a_file_that_is_not_utf8_stops_the_read_naming_it_and_keeps_the_cursor(
    tmp_path: Path,
) -> None:
    connector = _inbox(tmp_path, "customer-001.csv", b"source_id,name\nC1,Acme\n")
    first = connector.read("customer", {})
    (tmp_path / "inbox" / "customer-002.csv").write_bytes(
        b"\xef\xbb\xbfsource_id,name\nC2,Caf\xe9 Ltd\n"
    )
    with pytest.raises(TargetUnavailable) as raised:
        connector.read("customer", first.state)
    assert raised.value.reason.startswith("customer-002.csv line 2: not UTF-8 (byte 0xe9)")
    (tmp_path / "inbox" / "customer-002.csv").write_bytes("source_id,name\nC2,Café Ltd\n".encode())
    (record,) = connector.read("customer", first.state).records
    assert record.values == {"name": "Café Ltd"}
