from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .selectors import journals_active, journals_edited_by


def home(request):
    journals = list(journals_active())
    if len(journals) == 1:
        return redirect("publishing:journal_home", slug=journals[0].slug)
    return render(request, "journal/home.html", {"journals": journals})


@login_required
def dashboard(request):
    """Where a signed-in person starts: their submissions, reviews and journals."""
    return render(
        request,
        "journal/dashboard.html",
        {"edited_journals": journals_edited_by(request.user)},
    )
