"""Editors meet topics and reader comments in those words, never as "snippets"."""

from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.urls import reverse

from blog.models import ReaderComment, Topic
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

# What a person reads or hears: text, and the attributes screen readers and
# tooltips speak. Class names and URLs (/admin/snippets/...) are neither.
SPOKEN_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description"}


class _SpokenText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        self.parts.extend(
            value for name, value in attrs if name in SPOKEN_ATTRIBUTES and value
        )

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"} and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def spoken_text(html):
    parser = _SpokenText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def many_topics_and_comments(newsroom):
    """More of each than one listing page holds, so "select all in listing" shows."""
    article = ArticlePageFactory(parent=newsroom.news, title="Hama braces")
    Topic.objects.bulk_create(
        Topic(name=f"Topic {n}", slug=f"topic-{n}") for n in range(25)
    )
    ReaderComment.objects.bulk_create(
        ReaderComment(
            article=article,
            name=f"Reader {n}",
            email=f"reader{n}@reader.example",
            body=f"Comment number {n}",
            status=ReaderComment.Status.PENDING,
        )
        for n in range(25)
    )
    return Topic.objects.first(), ReaderComment.objects.first()


def _admin_screens(topic, comment):
    def url(model, view, *args):
        return reverse(f"wagtailsnippets_blog_{model}:{view}", args=args)

    delete_topics = reverse("wagtail_bulk_action", args=("blog", "topic", "delete"))
    return [
        reverse("wagtailadmin_home"),
        url("topic", "list"),
        url("topic", "add"),
        url("topic", "edit", topic.pk),
        url("topic", "delete", topic.pk),
        url("topic", "history", topic.pk),
        url("topic", "usage", topic.pk),
        f"{delete_topics}?id={topic.pk}",
        url("readercomment", "list"),
        url("readercomment", "edit", comment.pk),
        url("readercomment", "delete", comment.pk),
        url("readercomment", "history", comment.pk),
    ]


def test_editor_never_reads_snippet_on_topic_and_comment_screens(
    client, editor, many_topics_and_comments
):
    client.force_login(editor)
    for url in _admin_screens(*many_topics_and_comments):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        text = spoken_text(response.content.decode())
        assert "snippet" not in text.lower(), (
            url,
            text[text.lower().find("snippet") - 80 :][:200],
        )
