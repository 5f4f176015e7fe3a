from django.urls import path

from . import views

app_name = "submissions"

urlpatterns = [
    path("submissions/", views.my_submissions, name="mine"),
    path("submissions/<int:pk>/", views.detail, name="detail"),
    path("editorial/submissions/<int:pk>/", views.editor_detail, name="editor_detail"),
]
