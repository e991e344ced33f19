"""The demo council's review queues show real figures: overdue, due soon, after events, ready."""

from datetime import date

import pytest
from django.db.models import Q

from clearpath.demo.council import load_demo_council
from clearpath.demo.reviews import add_demo_reviews
from clearpath.journey.reviews.models import Review

TODAY = date(2026, 11, 23)


@pytest.mark.django_db
def test_the_demo_council_has_reviews_in_every_queue():
    load_demo_council(people=50, seed=2026, today=TODAY)
    add_demo_reviews(today=TODAY)  # as manage.py load_demo does
    open_ = Review.objects.filter(status__in=Review.OPEN)
    assert open_.filter(due_on__lt=TODAY).exists()  # overdue
    assert open_.filter(due_on__gte=TODAY, due_on__lte=date(2026, 12, 21)).exists()  # due soon
    assert open_.filter(kind="triggered", trigger="hospital_admission").count() == 2  # per team
    ready = open_.filter(~Q(answered_at=None), answers__changed=False)
    assert ready.count() >= 2
