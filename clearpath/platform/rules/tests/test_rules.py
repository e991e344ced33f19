"""Rule packs: loading never edits, activating changes only new work, pages for administrators,
and a public page made from the model in use."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from clearpath.errors import ServiceError
from clearpath.journey.budgets.services import compute
from clearpath.platform.rules.models import Activation, RulePackVersion
from clearpath.platform.rules.services import activate_rule_pack, active, load_rule_pack
from domain import rulepacks
from tests.builders import assessed_person

HERE = rulepacks.HERE
V2 = (HERE / "ras_model" / "demo-points-v2.toml").read_text(encoding="utf-8")
V3 = V2.replace("version = 2", "version = 3").replace('"8.50"', '"8.00"')


def test_a_new_version_is_loaded_but_not_in_use_until_activated(administrator):
    row, created = load_rule_pack(text=V3, filename="demo-points-v3.toml", by=administrator)
    assert created and row.ref == "demo-points@3" and row.sha256 == rulepacks.sha256(V3)
    assert rulepacks.ras_model().ref == "demo-points@1"
    assert rulepacks.ras_model("demo-points@3").price_steps[0].price_per_point == Decimal("8.00")


def test_loading_the_same_text_again_changes_nothing(administrator):
    load_rule_pack(text=V3, filename="a.toml", by=administrator)
    _, created = load_rule_pack(text=V3, filename="b.toml", by=administrator)
    assert not created and RulePackVersion.objects.count() == 1


@pytest.mark.parametrize("text", [V2.replace('"8.50"', '"7.00"'), V3.replace("650", "640")])
def test_a_loaded_or_shipped_version_is_never_edited(administrator, text):
    load_rule_pack(text=V3, filename="v3.toml", by=administrator)
    with pytest.raises(ServiceError, match="already loaded with different content"):
        load_rule_pack(text=text, filename="changed.toml", by=administrator)
    row = RulePackVersion.objects.get()
    with pytest.raises(ValueError, match="never edited"):
        row.save()


def test_a_malformed_pack_is_refused_with_the_line_and_nothing_is_loaded(administrator):
    with pytest.raises(ServiceError, match=r"bad.toml: is not valid TOML .*line 3"):
        load_rule_pack(
            text='[pack]\nkind = "ras_model"\nid = \n', filename="bad.toml", by=administrator
        )
    with pytest.raises(ServiceError, match=r"\[prices\]: 'cap_weekly' must be zero or more"):
        load_rule_pack(text=V3.replace('"650.00"', '"-1"'), filename="v3.toml", by=administrator)
    assert not RulePackVersion.objects.exists()


def test_activating_changes_new_work_and_leaves_past_budgets_alone(practitioner, administrator):
    before = assessed_person(by=practitioner).budget_calculations.get()
    assert before.model_ref == "demo-points@1" and before.weekly_amount == Decimal("114.00")

    load_rule_pack(text=V3, filename="v3.toml", by=administrator)
    activate_rule_pack(kind="ras_model", ref="demo-points@3", by=administrator, reason="Cabinet")
    assert rulepacks.ras_model().ref == "demo-points@3" and active()["ras_model"] == "demo-points@3"

    after = assessed_person(by=practitioner, nhs_number="9876543210").budget_calculations.get()
    assert after.model_ref == "demo-points@3" and after.weekly_amount == Decimal("120.00")
    before.refresh_from_db()
    again, _ = compute(
        model_ref=before.model_ref, question_set_ref=before.question_set_ref, inputs=before.inputs
    )
    assert before.weekly_amount == again.weekly_amount == Decimal("114.00")
    assert list(before.explanation) == list(again.explanation)
    a = Activation.objects.get()
    assert a.activated_by == administrator and a.reason == "Cabinet"


@pytest.mark.parametrize(
    "kind, ref, message",
    [
        ("ras_model", "demo-points@1", "already in use"),
        ("ras_model", "demo-points@9", "There is no ras model demo-points@9"),
        ("ras_model", "default@1", "There is no ras model default@1"),
        ("horoscope", "demo-points@2", "is not a kind of rule pack"),
        ("ras_model", "../etc@1", "is not a rule-pack reference"),
    ],
)
def test_activation_is_refused_with_a_reason_and_nothing_changes(administrator, kind, ref, message):
    with pytest.raises(ServiceError, match=message):
        activate_rule_pack(kind=kind, ref=ref, by=administrator)
    assert not Activation.objects.exists() and rulepacks.ras_model().ref == "demo-points@1"


def test_a_model_that_cannot_price_every_answer_is_not_activated(administrator):
    text = V3.replace('full = "6"\n', "")
    load_rule_pack(text=text, filename="v3.toml", by=administrator)
    with pytest.raises(ServiceError, match="has no points for the answer 'full'"):
        activate_rule_pack(kind="ras_model", ref="demo-points@3", by=administrator)
    assert rulepacks.ras_model().ref == "demo-points@1"


def test_the_shipped_files_have_not_changed_since_they_were_first_used():
    """A shipped version is never edited: add a new file with a new version number instead.
    A new file's fingerprint is added to domain/rulepacks/SHA256SUMS when it is added."""
    recorded = dict(
        reversed(line.split()) for line in (HERE / "SHA256SUMS").read_text().splitlines() if line
    )
    for path in rulepacks.bundled():
        name = str(path.relative_to(HERE))
        assert name in recorded, f"{name} is new: add `sha256sum {name}` to SHA256SUMS"
        assert rulepacks.sha256(path.read_text(encoding="utf-8")) == recorded[name], (
            f"{name} has been edited. Put the change in a new version instead."
        )


def test_the_command_validates_loads_activates_and_lists(db, tmp_path):
    (tmp_path / "demo-points-v3.toml").write_text(V3, encoding="utf-8")
    out = StringIO()
    call_command("rulepack", "validate", str(tmp_path), stdout=out)
    assert "ok      demo-points-v3.toml: ras_model demo-points@3" in out.getvalue()
    call_command("rulepack", "load", str(tmp_path / "demo-points-v3.toml"), stdout=out)
    call_command("rulepack", "activate", "demo-points@3", "--kind", "ras_model", stdout=out)
    out = StringIO()
    call_command("rulepack", "list", stdout=out)
    assert any(
        line.startswith("active  ras_model") and "demo-points@3" in line
        for line in out.getvalue().splitlines()
    )


def test_the_command_refuses_a_bad_file_naming_the_field(db, tmp_path):
    bad = tmp_path / "demo-points-v3.toml"
    bad.write_text(V3.replace('rounding = "up"', 'rounding = "sideways"'), encoding="utf-8")
    with pytest.raises(CommandError, match=r"\[prices\]: 'rounding' must be one of"):
        call_command("rulepack", "activate", str(bad), stdout=StringIO())
    assert not RulePackVersion.objects.exists() and not Activation.objects.exists()


# Pages


def test_only_administrators_see_the_rule_pack_pages(client, practitioner, manager):
    for user in (practitioner, manager):
        client.force_login(user)
        assert client.get("/rule-packs/").status_code == 403
        assert client.get("/rule-packs/ras_model/demo-points/v2/").status_code == 403


def test_an_administrator_loads_and_activates_a_version_in_the_browser_forms(client, administrator):
    client.force_login(administrator)
    page = client.get("/rule-packs/").content.decode()
    assert "demo-points@1" in page and "In use" in page
    upload = SimpleUploadedFile("demo-points-v3.toml", V3.encode(), content_type="text/plain")
    response = client.post("/rule-packs/", {"file": upload})
    assert response.status_code == 302 and response.url == "/rule-packs/ras_model/demo-points/v3/"
    page = client.get(response.url).content.decode()
    assert "Points above 30 are worth £8.00 each." in page and "Activate demo-points@3" in page
    missing = client.post(response.url, {"reason": ""})
    assert "Say why the council is switching to this version" in missing.content.decode()
    done = client.post(response.url, {"reason": "Agreed by cabinet on 1 March"})
    assert done.status_code == 302 and rulepacks.ras_model().ref == "demo-points@3"


def test_a_bad_upload_shows_the_field_at_fault_and_loads_nothing(client, administrator):
    client.force_login(administrator)
    upload = SimpleUploadedFile("mine.toml", V3.replace('"10.00"', '"ten"').encode())
    page = client.post("/rule-packs/", {"file": upload}).content.decode()
    assert "There is a problem" in page and "&#39;price_per_point&#39; must be a number" in page
    assert not RulePackVersion.objects.exists()
    page = client.post("/rule-packs/", {}).content.decode()
    assert "Choose a rule-pack file to load" in page


def test_an_unknown_version_page_is_not_found(client, administrator):
    client.force_login(administrator)
    assert client.get("/rule-packs/ras_model/demo-points/v9/").status_code == 404
    assert client.get("/rule-packs/horoscope/demo-points/v1/").status_code == 404


def test_the_public_page_needs_no_sign_in_and_follows_the_active_model(client, administrator):
    page = client.get("/how-budgets-are-worked-out").content.decode()
    assert "Each point is worth £9.50 a week." in page and "demo-points@1" in page
    assert "example figures" in page
    activate_rule_pack(kind="ras_model", ref="demo-bands@1", by=administrator)
    page = client.get("/how-budgets-are-worked-out").content.decode()
    assert "Bands of points" in page and "51 or more" in page and "demo-bands@1" in page


def test_rule_packs_over_the_api_for_administrators_only(client, administrator, practitioner):
    import json

    from clearpath.platform.accounts.services import create_api_token

    def call(user, method, path, body=None):
        token = create_api_token(staff=user, name="t", by=None)
        kwargs = {"content_type": "application/json", "data": json.dumps(body)} if body else {}
        r = getattr(client, method)(f"/api{path}", HTTP_AUTHORIZATION=f"Bearer {token}", **kwargs)
        return r.status_code, r.json()

    assert call(practitioner, "get", "/rule-packs")[0] == 404
    status, body = call(administrator, "post", "/rule-packs", {"filename": "v3.toml", "text": V3})
    assert status == 201 and body["ref"] == "demo-points@3" and not body["active"]
    status, body = call(
        administrator,
        "post",
        "/rule-packs",
        {"filename": "v3.toml", "text": V3.replace("650", "1")},
    )
    assert status == 422 and "never edited" in body["detail"]
    status, body = call(
        administrator,
        "post",
        "/rule-packs/activate",
        {"kind": "ras_model", "ref": "demo-points@3", "reason": "Cabinet"},
    )
    assert status == 200 and body["active"]
    public = client.get("/api/how-budgets-are-worked-out").json()
    assert (
        public["ref"] == "demo-points@3"
        and public["money"][1] == "Points above 30 are worth £8.00 each."
    )
