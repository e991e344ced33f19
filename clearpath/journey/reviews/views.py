"""Review pages: the queues, one review, the light-touch answers (practitioner and the person's own
link), one-click confirmation, and the full review through a reassessment and revised plan."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from clearpath.errors import InvalidInput, ServiceError
from clearpath.journey.people.access import get_person_for, get_record_for, visible_people
from clearpath.journey.plans.selectors import plan_differences
from clearpath.journey.reviews import services
from clearpath.journey.reviews.forms import (
    LightTouchForm,
    ReassessForm,
    RequestReviewForm,
    SubmitRevisedPlanForm,
)
from clearpath.journey.reviews.models import Review
from clearpath.journey.reviews.selectors import SHOW, counts_by_team, open_reviews
from clearpath.web import apply_service_error, staff_required
from domain import rulepacks
from domain.reviews import queue_state

SESSION_DONE = "review_answered_id"
RELATED = (
    "personal_budget",
    "personal_budget__plan",
    "reassessment",
    "revised_plan",
    "next_review",
)


@staff_required
def review_list(request):
    today = timezone.localdate()
    show = request.GET.get("show", "overdue")
    show = show if show in SHOW else "overdue"
    people = visible_people(request.user)
    page = Paginator(open_reviews(people, show=show, today=today), 50).get_page(
        request.GET.get("page")
    )
    teams = counts_by_team(people, today=today)
    policy = rulepacks.review_policy()
    return render(
        request,
        "reviews/review_list.html",
        {
            "page": page,
            "show": show,
            "today": today,
            "teams": teams,
            "totals": {k: sum(t[k] for t in teams) for k in ("open", "overdue", "due_soon")},
            "due_soon_days": policy.due_soon_days,
            "states": {
                r.pk: queue_state(due_on=r.due_on, today=today, policy=policy) for r in page
            },
        },
    )


def _review(request, review_id: int, *, write: bool = False) -> Review:
    return get_record_for(
        request.user, Review, review_id, write=write, what="review", related=RELATED
    )


def _detail(request, review, *, status=200, **extra):
    plan = review.personal_budget.plan
    calc = None
    if review.reassessment_id and not review.reassessment.is_draft:
        calc = getattr(review.reassessment, "budget_calculation", None)
    return render(
        request,
        "reviews/review_detail.html",
        {
            "review": review,
            "person": review.person,
            "budget": review.personal_budget,
            "plan": plan,
            "outcomes": list(plan.outcomes.all()),
            "new_calc": calc,
            "cannot": services.why_cannot_act(request.user, review.person),
            "today": timezone.localdate(),
            "reassess_form": extra.pop("reassess_form", None) or ReassessForm(),
            **extra,
        },
        status=status,
    )


@staff_required
def review_detail(request, review_id: int):
    return _detail(request, _review(request, review_id))


@staff_required
def light_touch(request, review_id: int):
    """The four questions, on one short page, for the practitioner on the phone or in person."""
    review = _review(request, review_id, write=request.method == "POST")
    if (
        not review.is_open
        or review.reassessment_id
        or services.why_cannot_act(request.user, review.person)
    ):
        return redirect("reviews:review-detail", review_id=review.pk)
    if request.method == "POST":
        form = LightTouchForm(request.POST, staff=True)
        if form.is_valid():
            try:
                services.record_answers(
                    review=review,
                    by=request.user,
                    data=form.answers(),
                    expected_version=form.cleaned_data.get("row_version"),
                )
            except ServiceError as e:
                apply_service_error(form, e)
            else:
                if request.POST.get("action") == "confirm":  # on the phone: save and confirm
                    return confirm(request, review_id=review.pk)
                messages.success(request, "The answers have been saved")
                return redirect("reviews:review-detail", review_id=review.pk)
    else:
        form = LightTouchForm(initial=LightTouchForm.initial_from(review), staff=True)
    return render(
        request,
        "reviews/light_touch.html",
        {
            "form": form,
            "review": review,
            "person": review.person,
            "outcomes": list(review.personal_budget.plan.outcomes.all()),
        },
        status=422 if form.errors else 200,
    )


@staff_required
@require_POST
def confirm(request, review_id: int):
    """One click: nothing has changed."""
    review = _review(request, review_id, write=True)
    try:
        review = services.confirm_no_change(
            review=review, by=request.user, today=timezone.localdate()
        )
    except ServiceError as e:
        messages.error(request, e.message)
    else:
        messages.success(
            request,
            f"Review confirmed. The plan continues; the next review is due "
            f"{review.next_review.due_on:%-d %B %Y}",
        )
    return redirect("reviews:review-detail", review_id=review.pk)


@staff_required
@require_POST
def make_link(request, review_id: int):
    review = _review(request, review_id, write=True)
    try:
        link, token = services.make_person_link(review=review, by=request.user)
    except ServiceError as e:
        messages.error(request, e.message)
        return redirect("reviews:review-detail", review_id=review.pk)
    url = request.build_absolute_uri(reverse("reviews:person-answer", args=[token]))
    return render(
        request,
        "reviews/link_made.html",
        {"review": review, "person": review.person, "link_url": url, "link": link},
    )


@staff_required
@require_POST
def reassess(request, review_id: int):
    review = _review(request, review_id, write=True)
    form = ReassessForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.start_reassessment(
                review=review, by=request.user, mode=form.cleaned_data["mode"]
            )
        except ServiceError as e:
            messages.error(request, e.message)
        else:
            return redirect("assessments:assessment-edit", assessment_id=assessment.pk)
        return redirect("reviews:review-detail", review_id=review.pk)
    return _detail(request, review, status=422, reassess_form=form, form=form)


@staff_required
@require_POST
def revised_plan(request, review_id: int):
    review = _review(request, review_id, write=True)
    try:
        plan = services.start_revised_plan_for(review=review, by=request.user)
    except ServiceError as e:
        messages.error(request, e.message)
        return redirect("reviews:review-detail", review_id=review.pk)
    return redirect("plans:plan-edit", plan_id=plan.pk)


@staff_required
def submit_revised(request, review_id: int):
    """The revised plan beside the old one, the reasons if the budget goes down, then submit."""
    review = _review(request, review_id, write=request.method == "POST")
    plan = review.revised_plan
    if plan is None or not plan.is_editable:
        return redirect("reviews:review-detail", review_id=review.pk)
    form = SubmitRevisedPlanForm(
        request.POST or None, initial={"reduction_reasons": review.reduction_reasons}
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.submit_revised_plan(
                review=review, by=request.user, **form.cleaned_data
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, "The revised plan has been sent for a decision")
            return redirect("approvals:decision-detail", decision_id=decision.pk)
    return render(
        request,
        "reviews/submit_revised.html",
        {
            "form": form,
            "review": review,
            "person": review.person,
            "plan": plan,
            "differences": plan_differences(plan),
        },
        status=422 if form.errors else 200,
    )


@staff_required
def request_review(request, person_id: int):
    person = get_person_for(request.user, person_id, write=request.method == "POST")
    form = RequestReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.request_review(
                person=person, by=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except ServiceError as e:
            apply_service_error(form, e)
        else:
            messages.success(request, f"Review due {review.due_on:%-d %B %Y}")
            return redirect("reviews:review-detail", review_id=review.pk)
    return render(
        request,
        "reviews/request.html",
        {"form": form, "person": person},
        status=422 if form.errors else 200,
    )


@staff_required
def person_reviews(request, person_id: int):
    """Every review of one person, due and past, with what each found."""
    person = get_person_for(request.user, person_id, what="reviews")
    reviews = list(person.reviews.select_related("personal_budget").order_by("-due_on", "-id"))
    return render(
        request,
        "reviews/person_reviews.html",
        {"person": person, "reviews": reviews, "today": timezone.localdate()},
    )


# The person's own link: no sign-in; the secret, single-use, expiring token is the key.


def _stale(request, problem: str):
    status = 404 if problem == services.UNKNOWN else 410
    return render(request, "reviews/link_stale.html", {"problem": problem}, status=status)


@never_cache
def person_answer(request, token: str):
    link, problem = services.find_link(token)
    if problem:
        return _stale(request, problem)
    review = link.review
    form = LightTouchForm(request.POST or None, staff=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_by_link(token=token, data=form.answers(), today=timezone.localdate())
        except InvalidInput as e:
            apply_service_error(form, e)
        except ServiceError:
            return _stale(request, services.USED)
        else:
            request.session[SESSION_DONE] = review.pk
            return redirect("reviews:person-done")
    return render(
        request,
        "reviews/person_answer.html",
        {
            "form": form,
            "review": review,
            "first_name": review.person.first_name,
            "outcomes": list(review.personal_budget.plan.outcomes.all()),
        },
        status=422 if form.errors else 200,
    )


def person_done(request):
    review = Review.objects.filter(pk=request.session.get(SESSION_DONE) or 0).first()
    if review is None:
        raise Http404("No review answered in this session")
    return render(request, "reviews/person_done.html", {"review": review})
