"""Challenge pages: the public 'challenge a budget' journey, and the staff queue and answers."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clearpath.errors import ServiceError
from clearpath.journey.challenges import services
from clearpath.journey.challenges.forms import (
    NOT_FOUND,
    AnswerForm,
    ChallengeDetailsForm,
    FindLetterForm,
    ReassignForm,
    StaffChallengeForm,
)
from clearpath.journey.challenges.models import Challenge
from clearpath.journey.challenges.selectors import challenge_counts, find_letter
from clearpath.journey.people.access import (
    can_change_people,
    get_person_for,
    get_record_for,
    visible_people,
)
from clearpath.platform.accounts.models import StaffMember
from clearpath.web import apply_service_error, client_address, staff_required
from domain.money import format_money

SESSION_LETTER = "challenge_letter_id"
SESSION_DONE = "challenge_done_id"
THROTTLED = (
    "You have tried too many times. For your security, wait an hour and try again, "
    "or ask your social worker to record the challenge for you."
)


# The public journey: no sign-in, the letter's reference and date of birth instead.


def _client_ip(request) -> str:
    return client_address(request)


def _failures_key(request) -> str:
    return f"challenge-lookup-failures:{_client_ip(request)}"


def public_start(request):
    form = FindLetterForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        key = _failures_key(request)
        if cache.get(key, 0) >= settings.CHALLENGE_LOOKUP_FAILURES_PER_HOUR:
            form.is_valid()
            form.errors.clear()
            form.add_error(None, THROTTLED)
            status = 429
        elif form.is_valid():
            letter = find_letter(form.cleaned_data["reference"], form.cleaned_data["date_of_birth"])
            if letter is None:
                cache.add(key, 0, timeout=3600)
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, 1, timeout=3600)
                form.add_error(None, NOT_FOUND)
                status = 400
            else:
                request.session.cycle_key()
                request.session[SESSION_LETTER] = letter.pk
                return redirect("challenges:public-details")
    return render(request, "challenges/public_start.html", {"form": form}, status=status)


def _session_letter(request):
    from clearpath.journey.letters.models import LetterReference

    letter_id = request.session.get(SESSION_LETTER)
    letter = (
        LetterReference.objects.select_related("person", "calculation", "budget")
        .filter(pk=letter_id)
        .first()
        if letter_id
        else None
    )
    return letter


def public_details(request):
    letter = _session_letter(request)
    if letter is None:
        return redirect("challenges:public-start")
    form = ChallengeDetailsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.raise_challenge(
                person=letter.person, letter=letter, by=None, channel="online", **form.cleaned_data
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            request.session.pop(SESSION_LETTER, None)
            request.session[SESSION_DONE] = challenge.pk
            return redirect("challenges:public-sent")
    return render(
        request,
        "challenges/public_details.html",
        {"form": form, "letter": letter, "amount": format_money(letter.weekly_amount)},
        status=422 if form.errors else 200,
    )


def public_sent(request):
    challenge_id = request.session.get(SESSION_DONE)
    challenge = (
        Challenge.objects.select_related("assigned_to").filter(pk=challenge_id).first()
        if challenge_id
        else None
    )
    if challenge is None:
        return redirect("challenges:public-start")
    return render(request, "challenges/public_sent.html", {"challenge": challenge})


# Staff pages.


def _subjects(person) -> list[tuple[str, str]]:
    choices = [
        (
            f"budget-{b.pk}",
            f"Final personal budget: {format_money(b.weekly_gross)} a week, "
            f"from {b.starts_on:%-d %B %Y}",
        )
        for b in person.personal_budgets.all()[:5]
    ]
    choices += [
        (
            f"calc-{c.pk}",
            f"Indicative budget: {format_money(c.weekly_amount)} a week, "
            f"worked out {timezone.localtime(c.created_at):%-d %B %Y}",
        )
        for c in person.budget_calculations.all()[:5]
    ]
    return choices


@staff_required
def record_challenge(request, person_id: int):
    person = get_person_for(request.user, person_id, write=True, what="challenges")
    subjects = _subjects(person)
    if not subjects:
        messages.error(request, f"{person.full_name} has no budget to challenge yet.")
        return redirect("people:person-detail", person_id=person.pk)
    form = StaffChallengeForm(request.POST if request.method == "POST" else None, subjects=subjects)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        kind, _, pk = data.pop("subject").partition("-")
        subject = (
            {"budget": person.personal_budgets.get(pk=int(pk))}
            if kind == "budget"
            else {"calculation": person.budget_calculations.get(pk=int(pk))}
        )
        try:
            challenge = services.raise_challenge(person=person, by=request.user, **subject, **data)
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            who = challenge.assigned_to.get_full_name() if challenge.assigned_to else "the team"
            messages.success(request, f"Challenge {challenge.number} recorded and sent to {who}")
            return redirect("challenges:challenge-detail", challenge_id=challenge.pk)
    return render(
        request,
        "challenges/record.html",
        {"form": form, "person": person},
        status=422 if form.errors else 200,
    )


@staff_required
def person_challenges(request, person_id: int):
    person = get_person_for(request.user, person_id, what="challenges")
    challenges = person.challenges.select_related("assigned_to").order_by("-received_at", "-id")
    return render(
        request,
        "challenges/person_challenges.html",
        {
            "person": person,
            "challenges": list(challenges),
            "can_change": can_change_people(request.user),
        },
    )


@staff_required
def challenge_list(request):
    mine = visible_people(request.user)
    visible = Challenge.objects.filter(person__in=mine)
    queue = (
        visible.filter(status=Challenge.Status.OPEN)
        .select_related("person", "assigned_to")
        .annotate(
            yours=Case(
                When(assigned_to=request.user, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("yours", "respond_by", "received_at", "id")
    )
    return render(
        request,
        "challenges/challenge_list.html",
        {
            "challenges": list(queue[:200]),
            "counts": challenge_counts(visible, today=timezone.localdate()),
        },
    )


def _detail(request, challenge, *, answer_form=None, reassign_form=None, status=200):
    can_change = can_change_people(request.user)
    staff = StaffMember.objects.filter(
        team_id=challenge.person.team_id,
        is_active=True,
        role__in=(StaffMember.Role.PRACTITIONER, StaffMember.Role.TEAM_MANAGER),
    ).order_by("first_name", "last_name")
    return render(
        request,
        "challenges/challenge_detail.html",
        {
            "challenge": challenge,
            "person": challenge.person,
            "calc": challenge.explained_calculation,
            "can_change": can_change and challenge.is_open,
            "form": answer_form or AnswerForm(),
            "reassign_form": reassign_form
            or ReassignForm(
                staff=staff,
                initial={"assigned_to": str(challenge.assigned_to_id or "")},
            ),
        },
        status=status,
    )


def _get(request, challenge_id, write=False):
    return get_record_for(
        request.user,
        Challenge,
        challenge_id,
        write=write,
        what="challenge",
        related=("assigned_to", "answered_by", "calculation", "budget__plan__budget_calculation"),
    )


@staff_required
def challenge_detail(request, challenge_id: int):
    return _detail(request, _get(request, challenge_id))


@staff_required
@require_POST
def challenge_answer(request, challenge_id: int):
    challenge = _get(request, challenge_id, write=True)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_challenge(challenge=challenge, by=request.user, **form.cleaned_data)
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, f"Challenge {challenge.number} answered")
            return redirect("challenges:challenge-detail", challenge_id=challenge.pk)
    return _detail(request, challenge, answer_form=form, status=422)


@staff_required
@require_POST
def challenge_reassign(request, challenge_id: int):
    challenge = _get(request, challenge_id, write=True)
    staff = StaffMember.objects.filter(team_id=challenge.person.team_id, is_active=True)
    form = ReassignForm(request.POST, staff=staff)
    if form.is_valid():
        to = staff.filter(pk=int(form.cleaned_data["assigned_to"])).first()
        try:
            services.reassign_challenge(challenge=challenge, by=request.user, to=to)
        except ServiceError as e:
            messages.error(request, e.message)
        else:
            messages.success(request, f"Challenge {challenge.number} sent to {to.get_full_name()}")
    else:
        messages.error(request, "Choose who should answer it")
    return redirect("challenges:challenge-detail", challenge_id=challenge.pk)
