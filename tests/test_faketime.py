"""The real clock, shifted: a whole process started under Debian's faketime.

Everything else fixes the workbook's clock in Python. This starts a fresh Python
under ``faketime`` (the system clock itself moved, as on a computer whose date is
a leap-day midnight at UTC+14) and checks that the workbook's clock, a saved
check-in and an export all follow it: nothing caches a date at import or reads
another clock. ``.ci/run`` installs faketime; without it the test is skipped
loudly (under ``CI=true`` it fails).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import datetime as dt, json, sys
from widgets.clock import current
from widgets.content import load_pack
from widgets.daily_checkin import CheckInExercise, checkin_spec, checkins
from widgets.exports import export_json
from widgets.store import AnswerStore

store = AnswerStore(sys.argv[1])
pack = load_pack(sys.argv[2])
widget = CheckInExercise(checkin_spec(pack, current().today()), store)
widget.mood.number.value = "7"
assert widget.save()
print(json.dumps({
    "today": current().today().isoformat(),
    "local": current().local_now().strftime("%Y-%m-%d %H:%M"),
    "checkin": widget.exercise_id,
    "days": [c.day.isoformat() for c in checkins(store)],
    "saved_utc": store.latest(widget.exercise_id).saved_at.isoformat(),
    "status": widget.status,
    "exported_at": export_json(store)["exported_at"],
}))
"""

#: (zone, faketime's start, the local day expected, the UTC day of that moment)
SHIFTS = [
    ("Pacific/Kiritimati", "2028-02-29 00:00:30", "2028-02-29", "2028-02-28"),
    ("Europe/London", "2027-03-28 02:30:00", "2027-03-28", "2027-03-28"),
    ("America/Los_Angeles", "2027-11-07 01:30:00", "2027-11-07", "2027-11-07"),
]


@pytest.fixture(scope="module")
def faketime() -> str:
    found = shutil.which("faketime")
    if found:
        return found
    reason = (
        "FAKETIME TEST NOT RUN: Debian's faketime is missing "
        "(apt-get install faketime; .ci/run installs it)."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    print(f"\n{'!' * 78}\n{reason}\n{'!' * 78}")
    pytest.skip(reason)


@pytest.mark.parametrize(("zone", "start", "local_day", "utc_day"), SHIFTS)
def test_the_workbook_follows_a_shifted_system_clock(
    faketime, tmp_path, zone, start, local_day, utc_day
):
    """Under a moved system clock, are "today", the check-in and the saved time that clock's?"""
    # (a run already under faketime must not hand its own fake clock down)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAKETIME", "LD_PRELOAD"))}
    env.update(TZ=zone, FAKETIME_DONT_FAKE_MONOTONIC="1", PYTHONPATH=str(ROOT))
    store, pack = str(tmp_path / "a.sqlite3"), str(ROOT / "data")
    result = subprocess.run(
        [faketime, "-f", f"@{start}", sys.executable, "-c", SCRIPT, store, pack],
        env=env,
        capture_output=True,
        text=True,
        # Under an outer faketime (a whole run shifted), Python's sleeps fail, and a
        # timeout makes subprocess poll with sleeps: wait without one there.
        timeout=None if "FAKETIME" in os.environ else 120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["today"] == local_day
    assert seen["local"].startswith(f"{local_day} ")
    assert seen["checkin"] == f"checkin-{local_day}"
    assert seen["days"] == [local_day]
    assert seen["saved_utc"].startswith(utc_day) and seen["saved_utc"].endswith("+00:00")
    assert seen["status"] == f"Saved at {seen['local'][-5:]}"
    assert seen["exported_at"].startswith(f"{local_day}T{seen['local'][-5:]}")
