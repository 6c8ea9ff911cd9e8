"""The embedded server's caches are sized from the machine's memory, within bounds."""

from __future__ import annotations

from mdm.db.embedded import memory_settings

GB = 2**30


def test_a_quarter_of_the_memory_for_shared_buffers_and_half_for_the_planner() -> None:
    assert memory_settings(8 * GB) == {"shared_buffers": "2GB", "effective_cache_size": "4GB"}


def test_shared_buffers_stop_at_the_cap_on_a_large_machine() -> None:
    assert memory_settings(64 * GB) == {"shared_buffers": "4GB", "effective_cache_size": "32GB"}


def test_a_small_machine_keeps_postgresql_s_default() -> None:
    assert memory_settings(256 * 2**20) == {
        "shared_buffers": "128MB",
        "effective_cache_size": "128MB",
    }


def test_sizes_are_written_as_the_server_shows_them() -> None:
    assert memory_settings(6 * GB + 512 * 2**20)["shared_buffers"] == "1664MB"
