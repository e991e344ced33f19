"""Plans in the person's own format: checked by content and size, summary kept, normal sign-off."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clearpath.journey.approvals.services import approve_plan
from clearpath.journey.plans.models import PlanDocument, SupportPlan
from clearpath.journey.plans.uploads import UploadRefused, check_upload, sniff
from tests.builders import assessed_person

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def _zip(entries: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})


@pytest.mark.parametrize(
    "content, kind",
    [(PDF, "pdf"), (PNG, "png"), (b"\xff\xd8\xff\xe0rest", "jpeg"), (DOCX, "docx"), (ODT, "odt")],
)
def test_kinds_are_told_by_content(content, kind):
    assert sniff(content) == kind


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("plan.pdf", b"MZ\x90\x00 not a pdf", "must be a PDF, Word"),
        ("plan.exe", b"MZ\x90\x00", "must be a PDF, Word"),
        ("plan.pdf", PNG, "is a PNG image, but its name does not end in .png"),
        ("plan.docx", _zip({"other.txt": "x"}), "must be a PDF, Word"),
        ("plan.pdf", b"", "is empty"),
        ("plan.pdf", PDF + b"x" * 2000, "must be smaller than"),
    ],
)
def test_wrong_type_or_size_is_refused_with_a_clear_message(name, content, message):
    with pytest.raises(UploadRefused) as e:
        check_upload(name=name, content=content, max_bytes=1024 if len(content) > 1500 else 10**7)
    assert message in str(e.value)


def _post(client, person, document, **extra):
    data = {
        "led_by": "independent_planner",
        "weekly_total": "250.00",
        "main-1-description": "Personal assistant, 15 hours",
        "main-1-weekly_cost": "200.00",
        "outcomes": "Go swimming every week\nCook for my friends",
        "deployment": "direct_payment",
        **extra,
    }
    if document is not None:
        data["document"] = document
    return client.post(reverse("plans:plan-upload", args=[person.pk]), data)


def test_an_own_format_plan_is_uploaded_summarised_and_signed_off_normally(
    client, practitioner, manager
):
    person = assessed_person(by=practitioner)
    client.force_login(practitioner)
    r = _post(client, person, SimpleUploadedFile("My plan.pdf", PDF))
    assert r.status_code == 302, r.content.decode()[:2000]
    plan = SupportPlan.objects.get(person=person)
    assert plan.format == "own" and plan.weekly_total == Decimal("250.00")
    assert [line.description for line in plan.lines.all()] == [
        "Personal assistant, 15 hours",
        "Other support described in the plan document",
    ]
    doc = plan.documents.get()
    assert doc.kind == "pdf" and bytes(doc.content) == PDF
    download = client.get(reverse("plans:document-download", args=[doc.pk]))
    assert download["Content-Type"] == "application/pdf" and download.content == PDF
    assert "attachment" in download["Content-Disposition"]
    # The same submit and decision as any plan.
    r = client.post(reverse("plans:plan-submit", args=[plan.pk]))
    decision = plan.decisions.get()
    approve_plan(
        decision=decision,
        by=practitioner if decision.route == "practitioner" else manager,
        starts_on=person.created_at.date(),
    )
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert plan.personal_budget.weekly_gross == Decimal("250.00")
    page = client.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    assert "own format" in page and "My plan.pdf" in page


def test_a_refused_file_keeps_the_rest_of_the_form(client, practitioner):
    person = assessed_person(by=practitioner)
    client.force_login(practitioner)
    page = _post(client, person, SimpleUploadedFile("plan.pdf", b"GIF89a...")).content.decode()
    assert "There is a problem" in page and "must be a PDF, Word" in page
    assert "Go swimming every week" in page and 'value="250.00"' in page
    assert not SupportPlan.objects.filter(person=person).exists()
    assert not PlanDocument.objects.exists()


def test_an_over_limit_file_is_refused(client, practitioner, settings):
    settings.PLAN_UPLOAD_MAX_BYTES = 1024 * 1024
    person = assessed_person(by=practitioner)
    client.force_login(practitioner)
    big = SimpleUploadedFile("plan.pdf", PDF + b"0" * (1024 * 1024))
    page = _post(client, person, big).content.decode()
    assert "must be smaller than 1 MB" in page and "Go swimming every week" in page


def test_no_file_is_refused(client, practitioner):
    person = assessed_person(by=practitioner)
    client.force_login(practitioner)
    page = _post(client, person, None).content.decode()
    assert "Choose the plan document to upload" in page


POLYGLOT = PDF.replace(b"\n1 0", b"\n%<html><script>alert(document.cookie)</script>\n1 0")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("plan.pdf", POLYGLOT, "has a web page or script inside it"),
        ("photo.png", PNG + b"<!DOCTYPE html><p>hi", "has a web page or script inside it"),
        ("plan.pdf", PDF + b"1 0 obj<</S/JavaScript/JS(app.alert(1))>>", "contains scripts"),
        ("plan.pdf", PDF + b"<</Type/Action/S/Launch/F(cmd.exe)>>", "contains scripts"),
    ],
)
def test_a_file_that_is_two_things_at_once_or_runs_code_is_refused(name, content, message):
    with pytest.raises(UploadRefused) as e:
        check_upload(name=name, content=content, max_bytes=10**7)
    assert message in str(e.value)


def _bomb(parts: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_word_file_that_unpacks_to_too_much_is_refused():
    bomb = _bomb({**{"[Content_Types].xml": "<Types/>"}, "word/document.xml": b"0" * 3_000_000})
    assert len(bomb) < 10_000  # small on the way in...
    with pytest.raises(UploadRefused, match="too big once opened"):
        check_upload(name="plan.docx", content=bomb, max_bytes=10**7, max_unpacked=2_000_000)
    # ...and within the limit it is accepted.
    assert check_upload(name="plan.docx", content=bomb, max_bytes=10**7).kind == "docx"


def test_a_word_file_with_too_many_parts_is_refused():
    many = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}
    many |= {f"word/media/{n}.xml": "" for n in range(5001)}
    with pytest.raises(UploadRefused, match="5003 parts"):
        check_upload(name="plan.docx", content=_bomb(many), max_bytes=10**8)


def test_an_ordinary_pdf_with_a_comparison_sign_in_it_is_accepted():
    fine = PDF.replace(b"trailer", b"(costs < 300 a week, a > b) Tj\ntrailer")
    assert check_upload(name="plan.pdf", content=fine, max_bytes=10**7).kind == "pdf"
