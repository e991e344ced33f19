"""Recording a contact for a person."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from clearpath.journey.contacts.forms import ContactForm
from clearpath.journey.contacts.services import record_contact
from clearpath.journey.people.access import get_person_for
from clearpath.web import staff_required


@staff_required
def contact_add(request, person_id: int):
    person = get_person_for(request.user, person_id, write=True)
    form = ContactForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        record_contact(person=person, by=request.user, **form.cleaned_data)
        messages.success(request, "The contact has been recorded")
        return redirect("people:person-detail", person_id=person.pk)
    return render(request, "contacts/contact_add.html", {"form": form, "person": person})
