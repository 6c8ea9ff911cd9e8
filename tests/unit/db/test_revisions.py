"""The shortcut that skips Alembic when the schema is current relies on revision ids being
the four-digit prefixes of the revision files, numbered in order."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from mdm.db.migrate import MIGRATIONS, REVISION_FILES, alembic_config, head_revision


def test_alembics_head_is_the_highest_file_prefix() -> None:
    scripts = ScriptDirectory.from_config(alembic_config("postgresql://unused"))
    assert scripts.get_current_head() == head_revision()


def test_every_revision_is_named_for_its_id_and_follows_the_one_before() -> None:
    scripts = ScriptDirectory.from_config(alembic_config("postgresql://unused"))
    files = sorted((MIGRATIONS / "versions").glob(REVISION_FILES))
    assert len(files) == len(list(scripts.walk_revisions()))
    previous = None
    for path in files:
        revision = scripts.get_revision(path.name[:4])
        assert revision is not None and revision.down_revision == previous
        previous = revision.revision
