"""Journals still on the old default article DOI pattern (which embedded the
article's database id) move to the new default. Only DOIs minted from now on
follow it: every DOI already given is stored on its article and kept."""

from django.db import migrations

OLD = "{prefix}/{journal_slug}.{year}.{article_id}"
NEW = "{prefix}/{journal_slug}.{year}.{volume}.{issue}.{seq}"


def forwards(apps, schema_editor):
    settings = apps.get_model("publishing", "JournalPublishingSettings")
    settings.objects.filter(article_doi_pattern=OLD).update(article_doi_pattern=NEW)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0005_issue_texts_in_russian_cover_alt_and_doi_pattern"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
