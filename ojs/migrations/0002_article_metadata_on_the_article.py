"""Subtitles and subjects move to the submission, copyright and access to the
article, where the article page, JATS and OAI-PMH read them."""

from django.db import migrations


def copy_to_article(apps, schema_editor):
    ImportedArticle = apps.get_model("ojs", "ImportedArticle")
    Article = apps.get_model("publishing", "Article")
    Submission = apps.get_model("submissions", "Submission")
    rows = ImportedArticle.objects.select_related("article").iterator()
    for extra in rows:
        article = extra.article
        Submission.objects.filter(pk=article.submission_id).update(
            subtitle=extra.subtitle, subjects=extra.subjects
        )
        Article.objects.filter(pk=article.pk).update(
            copyright_holder=extra.copyright_holder,
            copyright_year=extra.copyright_year,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("ojs", "0001_ojs_records"),
        ("publishing", "0007_article_copyright_and_access"),
        ("submissions", "0003_submission_subtitle_and_subjects"),
    ]

    operations = [
        migrations.RunPython(copy_to_article, migrations.RunPython.noop),
        migrations.RemoveField(model_name="importedarticle", name="subtitle"),
        migrations.RemoveField(model_name="importedarticle", name="subjects"),
        migrations.RemoveField(model_name="importedarticle", name="copyright_holder"),
        migrations.RemoveField(model_name="importedarticle", name="copyright_year"),
        migrations.RemoveField(model_name="importedarticle", name="access_status"),
    ]
