"""The payment run through the job queue, at a large council's scale, with a worker killed.

    createdb -h 127.0.0.1 -U postgres cp_queue_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_queue_bench DEBUG=1 \\
        .venv/bin/python benchmarks/job_queue.py

Seeds the council and its agreements as benchmarks/money.py does (104,000 people give about
20,000 direct payment agreements) when the database is empty, then, with the real processes a
council runs (gunicorn and `manage.py worker`, DEBUG off):
  1. queues the catch-up run (everything due so far) and times it through one worker, while
     two concurrent users load the run's page and a bare view (/healthz or the sign-in page)
     over HTTP; records the web and worker processes' peak memory;
  2. queues the next cycle's run, kills the worker (SIGKILL) part-way, starts two workers and
     checks that every payment was made exactly once.
It reports; it never fails. Writes benchmarks/results/<date>-job-queue.md.
"""

import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clearpath.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.money import make_agreements  # noqa: E402
from clearpath.journey.people.models import Person  # noqa: E402
from clearpath.money.finance.models import DirectPaymentAgreement, RunPayment  # noqa: E402
from clearpath.money.finance.services import (  # noqa: E402
    progress,
    queue_payment_run,
    request_payment_run,
)
from clearpath.money.payments.models import ScheduledPayment  # noqa: E402
from clearpath.platform.accounts.models import StaffMember  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PORT = 8765
PROD = {k: v for k, v in os.environ.items() if k != "DEBUG"} | {
    "SECRET_KEY": os.environ["SECRET_KEY"],
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "DJANGO_SETTINGS_MODULE": "clearpath.settings",
}


def rss_mb(pid: int, field: str = "VmHWM") -> float:
    """A process's peak (VmHWM) or current (VmRSS) resident memory, in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def worker() -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--batch", "--interval", "0.5"],
        cwd=ROOT,
        env=PROD,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def load(urls: list[str], stop: threading.Event, times: dict) -> None:
    """One user: fetch each URL in turn until told to stop, keeping each page's times."""
    while not stop.is_set():
        for url in urls:
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as r:
                    r.read()
                times.setdefault(url, []).append(time.perf_counter() - start)
            except OSError:
                times.setdefault(url + " (errors)", []).append(0)


def main():
    call_command("migrate", verbosity=0)
    seeded = None
    if not Person.objects.exists():
        start = time.perf_counter()
        call_command("seed_council", people=104_000, verbosity=0)
        seeded = time.perf_counter() - start
    make_agreements()
    agreements = DirectPaymentAgreement.objects.count()
    by = StaffMember.objects.filter(role=StaffMember.Role.FINANCE_OFFICER).first()
    today = timezone.localdate()
    call_command("collectstatic", interactive=False, verbosity=0)
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "clearpath.wsgi", "--workers", "2", "--bind",
         f"127.0.0.1:{PORT}"],
        cwd=ROOT, env=PROD, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(4)

    # 1. The catch-up run through one worker, with two users on the web.
    run = queue_payment_run(request_payment_run(through=today, by=by), by=by)
    base = f"http://127.0.0.1:{PORT}"
    urls = [f"{base}/healthz", f"{base}/sign-in"]
    stop, times = threading.Event(), {}
    users = [threading.Thread(target=load, args=(urls, stop, times)) for _ in range(2)]
    for u in users:
        u.start()
    start = time.perf_counter()
    w = worker()
    seen, worker_peak = [], 0.0
    while w.poll() is None:
        time.sleep(2)
        worker_peak = max(worker_peak, rss_mb(w.pid))
        run.refresh_from_db()
        seen.append(progress(run)["made"])
    t_run = time.perf_counter() - start
    stop.set()
    for u in users:
        u.join()
    web_pids = [web.pid, *children(web.pid)]
    web_mem = [round(rss_mb(p, "VmRSS")) for p in web_pids]
    run.refresh_from_db()
    paid = run.payments.count()

    # 2. The next cycle: kill the worker part-way, then two workers carry on.
    nxt = queue_payment_run(request_payment_run(through=today + timedelta(days=28), by=by), by=by)
    w = worker()
    while RunPayment.objects.filter(run=nxt).count() < 3000 and w.poll() is None:
        time.sleep(0.5)
    w.send_signal(signal.SIGKILL)
    w.wait()
    at_kill = RunPayment.objects.filter(run=nxt).count()
    start = time.perf_counter()
    a, b = worker(), worker()
    a.wait()
    b.wait()
    t_resume = time.perf_counter() - start
    nxt.refresh_from_db()
    dup = ScheduledPayment.objects.filter(status="paid").count() - RunPayment.objects.count()
    web.send_signal(signal.SIGTERM)
    web.wait()

    with connection.cursor() as c:
        c.execute("SELECT version()")
        db_version = c.fetchone()[0].split(" on ")[0]
    page = [f"| {u.replace(base, '')} | {len(t)} | {statistics.median(t) * 1000:.0f} | "
            f"{sorted(t)[int(len(t) * 0.9)] * 1000:.0f} |" for u, t in times.items() if t]  # fmt: skip
    lines = [
        f"# Payment runs through the job queue, {today:%-d %B %Y}",
        "",
        "Made by `benchmarks/job_queue.py` (see its docstring): gunicorn (2 workers) and "
        "`manage.py worker` with DEBUG off, PostgreSQL on the same machine.",
        "",
        f"- Machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"Django {django.get_version()}, {db_version}",
        f"- Data: {agreements:,} direct payment agreements"
        + (f" (seeded in {seeded:.0f} s)" if seeded else ""),
        "",
        "## Catch-up run, one worker, two users on the web",
        "",
        f"- **{paid:,} payments** (run {run.pk}, status {run.status}) in **{t_run:.1f} s** "
        f"through the queue ({paid / t_run:,.0f} a second), from queued to the worker exiting.",
        f"- Progress the page showed, every 2 s: {', '.join(f'{n:,}' for n in seen[:12])}"
        + (" ..." if len(seen) > 12 else ""),
        f"- Worker peak memory: **{worker_peak:.0f} MB**. Web processes (gunicorn arbiter and "
        f"workers) after the run: {', '.join(f'{m} MB' for m in web_mem)}.",
        "",
        "| Page (while the run ran) | Requests | Median ms | 90th percentile ms |",
        "|---|---:|---:|---:|",
        *page,
        "",
        "## Next cycle: worker killed part-way, two workers carry on",
        "",
        f"- Killed (SIGKILL) at {at_kill:,} payments; two workers started: the run "
        f"was carried on and finished ({nxt.status}, {nxt.attempts} attempts, "
        f"{nxt.payments.count():,} payments) in {t_resume:.1f} s.",
        f"- Paid scheduled payments minus export lines: **{dup}** (0 = nobody paid twice).",
        "",
    ]
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{today.isoformat()}-job-queue.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"Written to {path}")


if __name__ == "__main__":
    main()
