"""Backups and the restore drill, on PostgreSQL: scripts/backup.sh dumps a database with a little
in it, scripts/restore_drill.sh restores it into a scratch database, `manage.py restore_check`
prints the counts and finds the ledger balanced, and the scratch database is gone afterwards. And
restore_check fails when the ledger does not balance."""

import os
import subprocess
import tarfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from clearpath.journey.people.models import Person
from clearpath.journey.plans.models import SupportPlan
from clearpath.money.finance.tests.conftest import dp_agreement
from clearpath.money.ledger.models import LedgerEntry, LedgerLine
from clearpath.money.ledger.services import entry_for, post
from domain.ledger import Kind

ROOT = Path(__file__).resolve().parent.parent


def _on_sqlite_the_scripts_refuse(tmp_path) -> bool:
    """The scripts need PostgreSQL (CI runs the suite on it). On SQLite, check they say so."""
    if connection.vendor == "postgresql":
        return False
    for script in ("backup.sh", "restore_drill.sh"):
        refused = _run(script, str(tmp_path), DATABASE_URL="sqlite:///db.sqlite3")
        assert refused.returncode != 0 and "needs PostgreSQL" in refused.stderr
    return True


def _database_url() -> str:
    """The test database (pytest-django's copy), as a URL the scripts can use."""
    s = connection.settings_dict
    who = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgres://{who}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _run(script: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / script), *args],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _a_little_data(by):
    for first_name in ("Ann", "Bob"):
        agreement = dp_agreement(by=by, first_name=first_name)
        post(
            entry_for(
                agreement.personal_budget,
                kind=Kind.PAYMENT,
                key=f"test-payment-{first_name}",
                effective_on=date(2026, 11, 2),
                description="Four weeks paid in",
                parts=((Decimal("378.00"), None),),
            ),
            by=by,
        )


def _drill_databases() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE 'clearpath_drill_%%'")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_scratch_database_and_the_ledger_balances(practitioner, tmp_path):
    if _on_sqlite_the_scripts_refuse(tmp_path):
        return
    _a_little_data(practitioner)
    media = tmp_path / "media"
    (media / "letters").mkdir(parents=True)
    (media / "letters" / "welcome.pdf").write_bytes(b"%PDF-1.4 a letter")
    expected = {
        "people": Person.objects.count(),
        "plans": SupportPlan.objects.count(),
        "ledger entries": LedgerEntry.objects.count(),
        "ledger lines": LedgerLine.objects.count(),
    }
    assert expected["people"] == 2 and expected["ledger entries"] >= 2

    backup = _run(
        "backup.sh", str(tmp_path / "backups"), DATABASE_URL=_database_url(), MEDIA_ROOT=str(media)
    )
    assert backup.returncode == 0, backup.stderr
    folder = Path(backup.stdout.splitlines()[-1])
    assert folder.parent == tmp_path / "backups" and folder.name.startswith("clearpath-")
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar.gz", "SHA256SUMS"}
    with tarfile.open(folder / "media.tar.gz") as archive:
        assert "./letters/welcome.pdf" in archive.getnames()

    drill = _run("restore_drill.sh", str(folder), DATABASE_URL=_database_url())
    assert drill.returncode == 0, drill.stdout + drill.stderr
    printed = dict(
        line.split(": ", 1) for line in drill.stdout.splitlines() if line.count(": ") == 1
    )
    assert {name: int(printed[name]) for name in expected} == expected
    assert printed["media files"] == "1"
    assert printed["ledger"].startswith("balanced")
    assert "Restore drill passed" in drill.stdout
    assert _drill_databases() == []  # the scratch database was dropped


@pytest.mark.django_db(transaction=True)
def test_the_drill_fails_on_a_damaged_backup_and_still_drops_its_scratch_database(
    practitioner, tmp_path
):
    if _on_sqlite_the_scripts_refuse(tmp_path):
        return
    _a_little_data(practitioner)
    backup = _run("backup.sh", str(tmp_path), DATABASE_URL=_database_url())
    folder = Path(backup.stdout.splitlines()[-1])
    with open(folder / "database.dump", "r+b") as dump:
        dump.seek(0)
        dump.write(b"damaged!")
    drill = _run("restore_drill.sh", str(folder), DATABASE_URL=_database_url())
    assert drill.returncode != 0
    assert "FAILED" in drill.stdout + drill.stderr  # the checksum no longer matches
    assert _drill_databases() == []


@pytest.mark.django_db
def test_restore_check_fails_when_an_entry_does_not_sum_to_zero(practitioner, capsys):
    _a_little_data(practitioner)
    call_command("restore_check")
    assert "ledger: balanced" in capsys.readouterr().out

    good = LedgerEntry.objects.first()
    bad = LedgerEntry.objects.create(
        kind=good.kind,
        key="test-unbalanced",
        person_id=good.person_id,
        personal_budget_id=good.personal_budget_id,
        effective_on=good.effective_on,
        description="Half an entry",
    )
    LedgerLine.objects.create(
        entry=bad, account="bank", amount=Decimal("5.00"), personal_budget_id=bad.personal_budget_id
    )
    with pytest.raises(
        CommandError, match=rf"1 ledger entries do not sum to zero \(ids {bad.pk}\)"
    ):
        call_command("restore_check")
