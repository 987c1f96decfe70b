"""
``manage.py run_worker``: the one background process the newsroom needs.

The main thread drains the django-tasks database queue (webhook deliveries
and their deferred retries). A second thread wakes every minute to run
Wagtail's ``publish_scheduled`` (so scheduled articles go live and expire
without cron) and to sweep due webhook deliveries whose task was lost; each
round leaves a heartbeat, so the editor can tell whether scheduled pages
will go live on time.
SIGINT/SIGTERM let the current task finish, then stop both.
"""

import logging
import signal
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from cms.ops import heartbeat
from cms.webhooks import conf, delivery

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    """Run the task worker and the once-a-minute scheduler in one process."""

    help = "Run background tasks, scheduled publishing and webhook retries."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=0.25,
            # A CDN purge and a webhook wait for the next poll after a
            # publish; one indexed query four times a second costs nothing.
            help="Seconds between polls of the task queue when it is empty.",
        )
        parser.add_argument(
            "--schedule-every",
            type=float,
            default=60.0,
            help="Seconds between runs of publish_scheduled and the webhook sweep.",
        )

    def handle(self, *args, interval, schedule_every, **options):
        stop = threading.Event()
        scheduler = threading.Thread(
            target=self.scheduler_loop,
            args=(stop, schedule_every),
            name="scheduler",
            daemon=True,
        )
        scheduler.start()
        backend = conf.get("WEBHOOK_TASK_BACKEND")
        queue_backend = settings.TASKS.get(backend, {}).get("BACKEND", "")
        try:
            if queue_backend.startswith("django_tasks_db"):
                worker = Worker(
                    queue_names=["*"],
                    interval=interval,
                    batch=False,
                    backend_name=backend,
                    startup_delay=True,
                    max_tasks=None,
                    worker_id=get_random_string(32),
                    excluded_queue_names=[],
                )
                worker.configure_signals()
                worker.run()
            else:
                # No database queue configured: tasks run inline, only the
                # scheduler has work to do.
                self.stdout.write(f"Tasks backend {backend!r} is not a queue.")
                self.wait_for_signal(stop)
        finally:
            stop.set()
            scheduler.join(timeout=30)

    def wait_for_signal(self, stop):
        def shutdown(signum, frame):
            stop.set()

        signal.signal(signal.SIGINT, shutdown)
        signal.signal(signal.SIGTERM, shutdown)
        while not stop.wait(1):
            pass

    def scheduler_loop(self, stop, every):
        while not stop.is_set():
            close_old_connections()
            try:
                heartbeat.beat(heartbeat.SCHEDULER, every)
                self.run_scheduled_jobs()
            except Exception:
                # One failed round must not stop the next one.
                logger.exception("Scheduled jobs failed")
            finally:
                # This thread's own connection; the next round opens a fresh one.
                connection.close()
            stop.wait(every)

    def run_scheduled_jobs(self):
        """Publish and expire scheduled pages, then send every due webhook delivery."""
        call_command("publish_scheduled", verbosity=0)
        sent = delivery.send_due()
        if sent:
            logger.info("Swept %d due webhook deliveries", len(sent))
