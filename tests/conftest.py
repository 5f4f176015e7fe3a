import pytest


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
        settings.MEDIA_ROOT = str(tmp_path / "media")
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                **settings.STORAGES["default"],
                "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/media/"},
            },
        }
