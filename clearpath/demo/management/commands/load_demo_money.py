"""python manage.py load_demo_money: direct payment agreements for the demo's direct payments."""

from django.core.management.base import BaseCommand

from clearpath.demo.money import add_demo_money
from clearpath.platform.accounts.models import StaffMember


class Command(BaseCommand):
    help = "Set up direct payment agreements (most with bank details) for demo direct payments."

    def handle(self, *args, **options):
        by = StaffMember.objects.filter(role=StaffMember.Role.FINANCE_OFFICER).first()
        made = add_demo_money(by=by)
        self.stdout.write(f"{made} direct payment agreements set up.")
