"""python manage.py demo_code: the demo sign-ins' two-factor code now (demo only, DEBUG on)."""

import base64
import time
from binascii import unhexlify

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from clearpath.demo.council import DEMO_TOTP_KEY


class Command(BaseCommand):
    help = "Print the demo sign-ins' current two-factor code (works with DEBUG on only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_code is for the demo council only (DEBUG=1)")
        totp = TOTP(unhexlify(DEMO_TOTP_KEY))
        totp.time = time.time()
        left = 30 - int(totp.time) % 30
        self.stdout.write(f"{totp.token():06d}  (works for {left} more seconds, and the next 30)")


def demo_key() -> str:
    key = base64.b32encode(unhexlify(DEMO_TOTP_KEY)).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
