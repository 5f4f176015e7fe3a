from django.urls import path

from .views import author, editor, reviewer

app_name = "reviews"

urlpatterns = [
    # Reviewers
    path("reviews/", reviewer.queue, name="queue"),
    path("reviews/invitation/<str:token>/", reviewer.invitation, name="invitation"),
    path(
        "reviews/invitation/<str:token>/decline/",
        reviewer.invitation_decline,
        name="decline",
    ),
    path(
        "reviews/invitation/<str:token>/accept/",
        reviewer.invitation_accept,
        name="accept",
    ),
    path(
        "reviews/invitation/<str:token>/welcome/",
        reviewer.invitation_welcome,
        name="welcome",
    ),
    path("reviews/<int:pk>/respond/", reviewer.respond, name="respond"),
    path("reviews/<int:pk>/decline/", reviewer.decline_signed_in, name="decline_in"),
    path("reviews/<int:pk>/", reviewer.review, name="review"),
    path("reviews/<int:pk>/submit/", reviewer.review_submit, name="review_submit"),
    path(
        "reviews/<int:pk>/files/<slug:what>/",
        reviewer.review_download,
        name="download",
    ),
    # Editors
    path("editorial/submissions/<int:pk>/review/", editor.manage, name="manage"),
    path(
        "editorial/submissions/<int:pk>/review/rounds/",
        editor.round_open,
        name="round_open",
    ),
    path("editorial/submissions/<int:pk>/review/invite/", editor.invite, name="invite"),
    path(
        "editorial/submissions/<int:pk>/decision/<slug:kind>/",
        editor.decide,
        name="decide",
    ),
    path(
        "editorial/decisions/<int:pk>/letter/",
        editor.letter_resend,
        name="letter_resend",
    ),
    path("editorial/assignments/<int:pk>/cancel/", editor.cancel, name="cancel"),
    path("editorial/assignments/<int:pk>/rate/", editor.rate, name="rate"),
    path(
        "editorial/assignments/<int:pk>/approve/",
        editor.comments_approve,
        name="comments_approve",
    ),
    path(
        "editorial/assignments/<int:pk>/annotated/",
        editor.annotated,
        name="editor_annotated",
    ),
    # Authors
    path("submissions/<int:pk>/revise/", author.revise, name="revise"),
    path(
        "submissions/<int:pk>/revise/upload/",
        author.revise_upload,
        name="revise_upload",
    ),
    path("submissions/<int:pk>/resubmit/", author.resubmit, name="resubmit"),
    path(
        "submissions/<int:pk>/reviews/<int:review_pk>/annotated/",
        author.annotated,
        name="author_annotated",
    ),
]
