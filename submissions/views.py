from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import selectors


@login_required
def my_submissions(request):
    return render(
        request,
        "submissions/mine.html",
        {"submissions": selectors.submissions_of_author(request.user)},
    )


@login_required
def detail(request, pk):
    submission = selectors.submission_for_author(request.user, pk)
    return render(request, "submissions/detail.html", {"submission": submission})


@login_required
def editor_detail(request, pk):
    submission = selectors.submission_for_editor(request.user, pk)
    return render(request, "submissions/editor_detail.html", {"submission": submission})
