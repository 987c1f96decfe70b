"""A commenter's e-mail and IP address never leave the newsroom."""

import pytest

from blog.models import ReaderComment

EMAIL = "private.reader@mailbox.example"
IP = "203.0.113.77"


@pytest.fixture
def commented(article, committed):
    with committed():
        comment = ReaderComment.objects.create(
            article=article,
            name="Layla",
            email=EMAIL,
            body="Public words",
            website="https://layla.example",
            ip_address=IP,
            status=ReaderComment.Status.APPROVED,
        )
        ReaderComment.objects.create(
            article=article,
            parent=comment,
            name="Omar",
            email="omar." + EMAIL,
            body="Public reply",
            ip_address=IP,
            status=ReaderComment.Status.APPROVED,
        )
    return article


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/{id}/comments/",
        "/api/v1/articles/{id}/",
        "/api/v1/articles/",
        "/api/v1/articles/by-path/?path=/news/hama/",
        "/api/v1/find/?path=/news/hama/",
        "/api/v1/sync/",
        "/feeds/articles.rss",
        "/feeds/articles.atom",
        "/feeds/articles.json",
        "/news/hama/",
        "/news/",
    ],
)
def test_email_and_address_never_appear(client, commented, url):
    response = client.get(url.format(id=commented.pk))

    assert response.status_code == 200, url
    content = response.content.decode()
    assert EMAIL not in content
    assert "omar." + EMAIL not in content
    assert IP not in content


def test_the_comment_itself_does_appear(client, commented):
    """The checks above look at responses that do carry the comment."""
    listing = client.get(f"/api/v1/articles/{commented.pk}/comments/").json()
    assert listing["results"][0]["replies"][0]["body"] == "Public reply"
    assert "Public words" in client.get("/news/hama/").content.decode()
    detail = client.get(f"/api/v1/articles/{commented.pk}/").json()
    assert detail["comments"][0]["body"] == "Public words"


def test_only_web_links_are_shown_for_a_commenters_website(client, article, committed):
    with committed():
        for name, website in (
            ("Safe", "https://safe.example/"),
            ("Sneaky", "javascript:alert(1)"),
        ):
            ReaderComment.objects.create(
                article=article,
                name=name,
                email=f"{name}@reader.example",
                body=f"From {name}",
                website=website,
                status=ReaderComment.Status.APPROVED,
            )

    listing = client.get(f"/api/v1/articles/{article.pk}/comments/").json()
    detail = client.get(f"/api/v1/articles/{article.pk}/").json()
    html = client.get(article.url).content.decode()

    websites = {comment["name"]: comment["website"] for comment in listing["results"]}
    assert websites == {"Safe": "https://safe.example/", "Sneaky": ""}
    assert {comment["website"] for comment in detail["comments"]} == {
        "https://safe.example/",
        "",
    }
    assert 'href="https://safe.example/"' in html
    assert "javascript:" not in html
