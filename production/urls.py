from django.urls import path

from . import views

app_name = "production"

urlpatterns = [
    path("j/<slug:slug>/production/", views.dashboard, name="dashboard"),
    path("production/submissions/<int:pk>/", views.detail, name="detail"),
    path("production/submissions/<int:pk>/start/", views.start, name="start"),
    path(
        "production/submissions/<int:pk>/copyedit/",
        views.copyedit_upload,
        name="copyedit_upload",
    ),
    path(
        "production/submissions/<int:pk>/typeset-pdf/",
        views.typeset_upload,
        name="typeset_upload",
    ),
    path(
        "production/submissions/<int:pk>/render/",
        views.render_galleys,
        name="render",
    ),
    path(
        "production/submissions/<int:pk>/send-proofs/",
        views.proofs_send,
        name="proofs_send",
    ),
    path(
        "production/submissions/<int:pk>/reopen/",
        views.reopen,
        name="reopen",
    ),
    path(
        "production/submissions/<int:pk>/references/",
        views.references,
        name="references",
    ),
    path(
        "production/submissions/<int:pk>/references/<int:position>/",
        views.reference_save,
        name="reference_save",
    ),
    path("submissions/<int:pk>/proofs/", views.proofs, name="proofs"),
    path(
        "production/submissions/<int:pk>/approve-for-author/",
        views.proofs_approve_for_author,
        name="proofs_approve_for_author",
    ),
    path(
        "submissions/<int:pk>/proofs/galleys/<int:galley_pk>/",
        views.proof_galley,
        name="proof_galley",
    ),
    path(
        "submissions/<int:pk>/proofs/approve/",
        views.proofs_approve,
        name="proofs_approve",
    ),
    path(
        "submissions/<int:pk>/proofs/corrections/",
        views.proofs_corrections,
        name="proofs_corrections",
    ),
    path(
        "submissions/<int:pk>/copyedit/<int:review_pk>/approve/",
        views.copyedit_approve,
        name="copyedit_approve",
    ),
    path(
        "submissions/<int:pk>/copyedit/<int:review_pk>/queries/",
        views.copyedit_queries,
        name="copyedit_queries",
    ),
    path(
        "articles/<int:article_pk>/media/<str:name>",
        views.media,
        name="media",
    ),
]
