"""Renderers of an article's JATS: sanitised HTML full text and the PDF."""
