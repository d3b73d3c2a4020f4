"""Run everything time-based once (reminders, retention purges, expired sessions);
production starts it every hour from a systemd timer or cron (README,
"Daily jobs"); `--every SECONDS` keeps it running, as `make run` does."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from home.daily import daily_run


class Command(BaseCommand):
    help = (
        "Run the daily jobs (reminders, situation and audit retention, expired "
        "sessions) once, or every N seconds with --every. Safe to run repeatedly: "
        "each reminder is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Reference day YYYY-MM-DD (default: today).",
        )
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            help="Run again every N seconds (at least 60) until stopped.",
        )

    def handle(self, *args, today: date | None, every: int, **options):
        if every and every < 60:
            raise CommandError("--every must be at least 60 seconds.")
        while True:
            run = daily_run(today=today)
            status = "ok" if run.succeeded else "FAILED"
            self.stdout.write(f"daily {run.day:%Y-%m-%d}: {status} {run.report}")
            if not every:
                if not run.succeeded:
                    raise CommandError("At least one daily job failed.")
                return
            time.sleep(every)
