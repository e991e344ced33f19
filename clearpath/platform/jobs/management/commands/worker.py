"""python manage.py worker [--batch] [--max-tasks N] [--interval SECONDS] [--worker-id NAME]

Runs the job queue (django-tasks' database backend, the `django_tasks_db` tables): payment
runs and the other slow work the web pages hand over. Start as many as you need, on one machine
or several; no job is ever run by two workers. As it starts, each app's `on_worker_start` runs
first: finance queues again any payment run whose worker stopped part-way.
"""

from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand

from clearpath.appconfig import clearpath_apps


class Command(BaseCommand):
    help = "Run the job queue: payment runs and the other work pages hand over."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Stop when the queue is empty")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks")
        parser.add_argument("--worker-id", default=None)

    def handle(self, *args, batch=False, max_tasks=None, interval=1.0, worker_id=None, **opts):
        for app in clearpath_apps():
            if app.on_worker_start:
                module, function = app.on_worker_start.rsplit(".", 1)
                done = getattr(import_module(f"{app.name}.{module}"), function)()
                if done:
                    self.stdout.write(f"{app.label}: {done}")
        worker = ["--interval", str(interval), "--no-startup-delay"]
        worker += ["--batch"] if batch else []
        worker += ["--max-tasks", str(max_tasks)] if max_tasks else []
        worker += ["--worker-id", worker_id] if worker_id else []
        call_command("db_worker", *worker, stdout=self.stdout, stderr=self.stderr)
