"""Staff sign-in, lock-out after repeated failures, and the read-only admin."""

from django.urls import reverse

from clearpath.platform.accounts.models import StaffMember


def test_a_member_of_staff_signs_in_and_lands_on_people(client, practitioner):
    response = client.post(
        reverse("accounts:login"), {"username": "priya", "password": "correct horse battery"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("people:person-list")


def test_a_wrong_password_is_refused_with_a_clear_message(client, practitioner):
    response = client.post(reverse("accounts:login"), {"username": "priya", "password": "nope"})
    assert "Enter a correct username and password" in response.content.decode()


def test_repeated_failures_lock_the_account_for_a_while(client, practitioner):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "priya", "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": "priya", "password": "correct horse battery"}
    )
    assert "too many times" in response.content.decode()


def test_administrators_can_look_at_staff_in_the_admin_but_not_change_them(
    client, administrator, practitioner
):
    client.force_login(administrator)
    assert client.get("/admin/accounts/staffmember/").status_code == 200
    assert client.get("/admin/accounts/staffmember/add/").status_code == 403
    client.post(f"/admin/accounts/staffmember/{practitioner.pk}/delete/", {"post": "yes"})
    assert StaffMember.objects.filter(pk=practitioner.pk).exists()


def test_practitioners_cannot_open_the_admin(client, practitioner):
    client.force_login(practitioner)
    assert client.get("/admin/accounts/staffmember/").status_code == 302
